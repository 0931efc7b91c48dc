"""The desk in the admin and in the API: the v3 router, and the "Wires" admin area."""

from wagtail import hooks

from cms.delivery.extensions import API_FILE_BODIES, API_V3_ROUTERS
from news.wires.api import router


@hooks.register(API_V3_ROUTERS)
def wires_api():
    return [("/wires/", router)]


@hooks.register(API_FILE_BODIES)
def wires_file_bodies():
    return ["wires_items"]

"""Admin views of the site: the front page's editor."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from wagtail.admin import messages
from wagtail.models import Page

from cms.publishing.views import NewsroomEditView, NewsroomPageViewSet


class FrontPageEditView(NewsroomEditView):
    """The newsroom's page editor; one who may not change the front page is told who can."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            messages.error(
                request,
                "The front page is laid out by the desk: only Moderators (and administrators) "
                "can change it. Ask a moderator to place your story.",
            )
            return redirect("wagtailadmin_home")


class FrontPageViewSet(NewsroomPageViewSet):
    edit_view_class = FrontPageEditView

    @property
    def parent_models(self) -> list[type[Page]]:
        # Leave the explorer's listings of parent pages alone.
        return []

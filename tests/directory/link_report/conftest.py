"""Reports ▸ Link health: editors see broken, failing, redirected and slow links."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from directory.factories import LinkHealthFactory
from directory.models import LinkState


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("chief", "chief@laht.example", "pw")
    client.force_login(admin)
    return client


@pytest.fixture
def unhealthy(embassies):
    spain, brazil, colombia = embassies.links.all()
    LinkHealthFactory(
        url=spain.url,
        state=LinkState.BROKEN,
        state_since=timezone.now() - timezone.timedelta(days=2),
        status_code=404,
    )
    LinkHealthFactory(
        url=brazil.url,
        state=LinkState.REDIRECTED,
        state_since=timezone.now(),
        status_code=200,
        final_url="https://www.gov.br/mre/pt-br/embaixada-caracas",
    )
    LinkHealthFactory(url=colombia.url, state=LinkState.OK, state_since=timezone.now())
    return embassies

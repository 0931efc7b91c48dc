"""Documents in a password-protected collection are reachable only through Wagtail's view."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

SECRET_TEXT = b"Minutes of the board: not for publication."


@pytest.fixture
def private_document(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="s3cret-board",
    )
    document = Document(title="Board minutes", collection=collection)
    document.file.save("board-minutes.txt", ContentFile(SECRET_TEXT), save=True)
    return document


def test_the_documents_settings_send_every_download_through_wagtails_view(settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


def test_a_private_document_is_not_served_from_its_media_url(client, private_document):
    media_url = private_document.file.url
    assert media_url.startswith("/media/documents/")

    response = client.get(media_url)

    assert response.status_code == 404
    assert SECRET_TEXT not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_a_private_documents_download_link_asks_for_the_password(client, private_document):
    response = client.get(private_document.url)

    assert private_document.url.startswith("/documents/")
    assert response.status_code == 200
    assert b"password" in response.content.lower()
    assert SECRET_TEXT not in response.content


def test_the_right_password_unlocks_the_download(client, private_document):
    restriction = CollectionViewRestriction.objects.get(collection=private_document.collection)

    client.post(
        f"/documents/authenticate_with_password/{restriction.id}/",
        {"password": "s3cret-board", "return_url": private_document.url},
    )
    response = client.get(private_document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SECRET_TEXT


def test_a_public_document_downloads_through_the_same_view(db, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = Document(title="Press kit")
    document.file.save("press-kit.txt", ContentFile(b"Public press kit."), save=True)

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Public press kit."

"""API documents: a page's public API representation, rendered once and kept until it changes.

Rendering a story for ``/api/v2/`` (bylines, tags, countries, corrections,
related stories, a body of blocks with images and links, section, URLs) costs
tens of milliseconds of Python; reading it back costs a row. A page type opts in
with ``api_document = True``; the pages endpoint (``cms.delivery.api``) then answers
anonymous public reads of those pages (typed listings, detail, find by path)
from the stored document of each page, cut down to the requested ``fields``.

Readers never write: a page without a current document is rendered for the
reader by the serializers. Documents are rendered and stored by the scheduler's job
``delivery.render_api_documents`` (a short run every few seconds, newest pages
first) and by ``manage.py render_api_documents`` (everything at once), through
the pages endpoint's own serializers (``settings.API_DOCUMENTS_RENDERER``).

A document stays right because it is dropped whenever something it shows
changes. While rendering, the endpoint records what the representation read
(``APIDocumentDependency``): the pages it points at (related stories, links and
blocks in the body, the parent), the images, documents and snippets it shows
(authors, wire source, countries, tags), and the lead images of the pages it
shows teasers of. Then:

* a page's transition (publish, unpublish, expiry, move, deletion, slug change,
  privacy change; ``cms.delivery.invalidation.invalidate_page``) drops its own document
  and every document that depends on it; moves, slug changes and privacy changes
  also drop the documents of its descendants and those depending on them;
* saving or deleting an image, a document or a registered snippet
  (``register_dependency``) drops the documents that depend on it;
* a change of sites or locales, and a ``migrate`` that applies migrations, drops them all;
* settings that appear in every document (``FRONTEND_URL``, ``WAGTAILAPI_BASE_URL``,
  ``MEDIA_URL``) and the code that renders them (``code_fingerprint``) are part of the
  document ``version``: a document of another version reads as missing.

Documents are dropped twice: at once, inside the transaction that changes the
content (so the transaction, and a test, read what it wrote), and again after the
commit together with a bump of ``APIDocumentState.generation``. A renderer notes
the generation before reading the content it renders and stores its documents
only if the generation is still the same, holding a shared lock on it while it
stores (``store``): a document rendered from content older than a commit can
never outlive that commit's second drop.

Only the anonymous, public view of a page is stored: requests from signed-in
users, readers who passed a view restriction, previews and ``?rich_text_format=``
are always rendered by the serializers. ``API_DOCUMENTS=0`` turns the whole mechanism off.

The modules: ``versioning`` (whether documents are used and which version counts),
``dependencies`` (what a representation shows), ``encoding`` (a document's text),
``storage`` (storing under the generation), ``rendering`` (what is missing, and rendering
it) and ``dropping`` (what a change reaches).
"""

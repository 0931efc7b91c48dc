"""API v3 shapes of the newsroom's public reads."""

from ninja import Field, Schema

from cms.delivery.schemas import ImageOut


class AuthorOut(Schema):
    id: int
    name: str
    slug: str
    job_title: str = Field(description="e.g. 'Caracas correspondent'.")
    bio: str = Field(description="Plain text; paragraphs separated by blank lines.")
    photo: ImageOut | None
    html_path: str = Field(description="The author's page on the frontend: /authors/<slug>/.")
    url: str = Field(description="Absolute frontend URL of the author's page.")
    story_count: int = Field(description="Publicly visible stories with this author's byline.")
    stories_path: str = Field(
        description="Their stories, newest first: the v2 pages listing filtered by author."
    )

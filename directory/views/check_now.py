"""Reports ▸ Link health ▸ Check now: one link, one category or every link, checked by the
worker (``directory.jobs.check_links_now``), never inside the editor's request."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from directory.jobs import check_links_now
from directory.models import DirectoryLink, LinkCategoryPage


@require_POST
def check_now(request: HttpRequest) -> HttpResponse:
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("directory_link_health")
    url = request.POST.get("url", "").strip()
    category_id = request.POST.get("category", "").strip()
    if url:
        if not DirectoryLink.objects.filter(url=url).exists():
            messages.error(request, "That address is not a link of the directory.")
            return redirect(back)
        urls, what = [url], url
    elif category_id:
        category = (
            LinkCategoryPage.objects.filter(pk=category_id).first()
            if (category_id.isdigit())
            else None
        )
        if category is None:
            messages.error(request, "That category does not exist.")
            return redirect(back)
        urls = sorted(set(category.links.values_list("url", flat=True)))
        what = f'the {len(urls)} links of "{category.title}"'
    else:
        urls, what = None, "every link of the directory"
    check_links_now.enqueue(urls=urls)
    messages.success(
        request,
        f"Checking {what} in the background. Reload this report in a minute for the results.",
    )
    return redirect(back)

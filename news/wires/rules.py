"""Which mapping rules an item matches, and what they set on a story made from it."""

from dataclasses import dataclass, field

from news.models import SectionPage, WireSource
from news.wires.models import WireItem, WireRule


def _code_matches(rule_code: str, item_code: str) -> bool:
    """``medtop:11000000`` matches itself and its narrower topics (``medtop:11006000``);
    codes from URIs (``…/mediatopic/11000000``) compare by their last part."""
    rule_code, item_code = rule_code.rpartition("/")[2], item_code.rpartition("/")[2]
    rule_scheme, _, rule_number = rule_code.rpartition(":")
    item_scheme, _, item_number = item_code.rpartition(":")
    if rule_scheme and item_scheme and rule_scheme != item_scheme:
        return False
    if rule_number == item_number:
        return True
    stem = rule_number.rstrip("0")
    return (
        rule_number.isdigit()
        and len(rule_number) == len(item_number)
        and item_number.startswith(stem)
    )


def matches(rule: WireRule, item: WireItem) -> bool:
    if rule.agency and rule.agency != item.agency:
        return False
    if rule.language and not item.language.lower().startswith(rule.language.lower()):
        return False
    codes, words = rule.codes, rule.words
    if not codes and not words:
        return True
    if any(_code_matches(code, item_code) for code in codes for item_code in item.subject_codes):
        return True
    haystack = {word.lower() for word in item.keywords}
    headline = item.headline.lower()
    return any(word in haystack or word in headline for word in words)


def active_rules() -> list[WireRule]:
    """Every enabled rule with what it sets, loaded once for a batch of items."""
    return list(
        WireRule.objects.filter(enabled=True)
        .select_related("section", "source")
        .prefetch_related("countries")
    )


def matching_rules(item: WireItem, rules: list[WireRule] | None = None) -> list[WireRule]:
    if rules is None:
        rules = active_rules()
    return [rule for rule in rules if matches(rule, item)]


@dataclass
class Mapping:
    """What the matching rules set on a story: the first rule's section, source and byline,
    and every rule's tags and countries."""

    section: SectionPage | None = None
    source: WireSource | None = None
    byline: str = ""
    tags: list[str] = field(default_factory=list)
    country_ids: list[int] = field(default_factory=list)
    rules: list[WireRule] = field(default_factory=list)

    @property
    def unpublish_on_kill(self) -> bool:
        return any(rule.unpublish_on_kill for rule in self.rules)


def mapping_for(item: WireItem, rules: list[WireRule] | None = None) -> Mapping:
    found = matching_rules(item, rules)
    mapping = Mapping(rules=found)
    for rule in found:
        if mapping.section is None and rule.section_id:
            mapping.section = rule.section
        if mapping.source is None and rule.source_id:
            mapping.source = rule.source
        mapping.byline = mapping.byline or rule.byline
        mapping.tags += [tag for tag in rule.tag_names if tag not in mapping.tags]
        mapping.country_ids += [
            country.pk for country in rule.countries.all() if country.pk not in mapping.country_ids
        ]
    return mapping


def source_for(item: WireItem, mapping: Mapping) -> WireSource | None:
    """The rules' wire source, else the one named like the agency (slug or name)."""
    return (
        mapping.source
        or WireSource.objects.filter(slug=item.agency).first()
        or WireSource.objects.filter(name__iexact=item.agency).first()
    )

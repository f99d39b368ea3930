"""The page of one post: title, time, body, photos, video, credits, sources, receipts and sign-off."""

from __future__ import annotations

from typing import Any

from sosmed.config.schema import Config
from sosmed.i18n import t
from sosmed.privacy import PublicData, mask, public_redaction
from sosmed.site.archive import PostEntry
from sosmed.site.html import esc, external, link, markdown_html, mask_markdown, ul
from sosmed.site.media import MediaSet
from sosmed.site.model import SitePage
from sosmed.site.paths import slugify
from sosmed.site.text import fmt_datetime, platform_label, strategy_label


def division_name(config: Config, slug: str) -> str:
    """A division's name, its slug when it is not configured."""
    division = config.division(slug)
    return division.name if division else slug


def post_page(entry: PostEntry, config: Config, media: MediaSet, lang: str) -> SitePage:
    """The HTML of a post page: our chrome around the author's body (rendered, masked and sanitised)."""
    post, url, zone = entry.item.post, entry.url, config.zone
    content_lang = config.organisation.locale
    public = public_redaction(config)
    meta = [
        esc(t("site.post.published_at", lang, time=fmt_datetime(post.date, zone, lang))),
        link(url, f"bidang/{post.bidang}/", division_name(config, post.bidang)),
        link(url, f"strategi/{post.strategy}/", strategy_label(post.strategy, lang)),
    ]
    # A withdrawn post stays reachable with its notice, but search no longer offers it.
    searchable = "" if entry.retracted else " data-pagefind-body"
    parts = [
        f'<article class="sosmed-post" lang="{esc(content_lang)}"{searchable}>',
        f"<h1>{esc(mask(post.title, public))}</h1>",
        '<p class="sosmed-meta" data-pagefind-ignore>' + " · ".join(meta) + "</p>",
    ]
    if entry.retracted and post.retraction is not None:
        parts.append(_box("danger sosmed-retracted", t("site.post.retracted_title", lang), [
            t("site.post.retracted_text", lang, time=fmt_datetime(post.retraction.date, zone, lang),
              reason=mask(post.retraction.reason, public))]))
        parts.append("</article>")
    else:
        if post.corrections:
            lines = [t("site.post.correction_line", lang, time=fmt_datetime(c.date, zone, lang),
                       text=mask(c.text, public)) for c in post.corrections]
            parts.append(_box("warning sosmed-correction", t("site.post.correction", lang), lines))
        parts.append(markdown_html(mask_markdown(entry.item.body.strip(), public)))
        gallery = _gallery(entry, media, config, lang)
        if gallery:
            parts.append(gallery)
        parts.extend(_videos(entry, media, public, lang))
        parts.append("</article>")
        facts = _facts(entry, public, lang)
        if facts:
            parts.append(facts)
    parts.append(_published(entry, config, lang))
    summary = mask(post.summary, public) if post.summary else None
    image, alt = share_image(entry, media, public)
    return SitePage(url, mask(post.title, public), "\n".join(parts) + "\n", summary, image=image, image_alt=alt,
                    article=True)


def share_image(entry: PostEntry, media: MediaSet, public: PublicData) -> tuple[str | None, str | None]:
    """The picture a shared link to the post shows: its first photo, else its video's still frame
    (None: the page gets a drawn card). A withdrawn post shows no photo of its own."""
    if entry.retracted:
        return None, None
    post = entry.item.post
    for image in post.images():
        copies = media.images.get((entry.url, image.file))
        if copies is not None:
            return copies[0].uri, mask(image.alt or "", public) or None
    for video in post.videos():
        still = media.posters.get((entry.url, video.file))
        if still is not None:
            return still.uri, mask(video.alt or "", public) or None
    return None, None


def _box(kind: str, title: str, lines: list[str]) -> str:
    body = "".join(f"<p>{esc(line)}</p>" for line in lines)
    return f'<div class="admonition {kind}"><p class="admonition-title">{esc(title)}</p>{body}</div>'


def _gallery(entry: PostEntry, media: MediaSet, config: Config, lang: str) -> str:
    figures = []
    public = public_redaction(config)
    for number, image in enumerate(entry.item.post.images()):
        copies = media.images.get((entry.url, image.file))
        if copies is None:
            continue
        full, thumb = copies
        loading = "eager" if number == 0 else "lazy"
        caption = [mask(image.caption, public)] if image.caption else []
        if image.credit:
            caption.append(t("site.post.credit", lang, credit=image.credit))
        if image.source and image.source != image.credit:
            caption.append(t("site.post.source", lang, source=image.source))
        figures.append(
            f'<figure><a href="{esc(image.file)}" title="{esc(t("site.post.photo_full", lang))}">'
            f'<img src="{esc(thumb.uri[len(entry.url):])}" alt="{esc(mask(image.alt or "", public))}" width="{thumb.width}" '
            f'height="{thumb.height}" loading="{loading}" decoding="async"></a>'
            + (f"<figcaption>{esc(' · '.join(caption))}</figcaption>" if caption else "")
            + "</figure>"
        )
    if not figures:
        return ""
    label = esc(t("site.post.gallery", lang))
    return f'<div class="sosmed-gallery" role="group" aria-label="{label}" data-pagefind-ignore>' + "".join(
        figures) + "</div>"


def _videos(entry: PostEntry, media: MediaSet, public: PublicData, lang: str) -> list[str]:
    out = []
    youtube = next((p for p in entry.published if p.platform == "youtube" and p.url), None)
    for video in entry.item.post.videos():
        links = []
        copy = media.videos.get((entry.url, video.file))
        player = ""
        if copy is not None:
            still = media.posters.get((entry.url, video.file))
            poster = f' poster="{esc(still.uri[len(entry.url):])}"' if still is not None else ""
            player = (f'<video controls preload="none" src="{esc(video.file)}"{poster} '
                      f'aria-label="{esc(mask(video.alt or video.file, public))}"></video>')
            links.append(f'<a href="{esc(video.file)}" download>{esc(t("site.post.video_file", lang))}</a>')
        if youtube is not None:
            links.append(external(youtube.url or "", t("site.post.video_youtube", lang)))
        if not player and not links:
            links.append(esc(t("site.post.video_not_copied", lang)))
        description = f"<p>{esc(mask(video.alt, public))}</p>" if video.alt else ""
        credit = f"<p>{esc(t('site.post.credit', lang, credit=video.credit))}</p>" if video.credit else ""
        out.append(f'<figure class="sosmed-video" data-pagefind-ignore>{player}<figcaption>{description}'
                   f'<p>{" · ".join(links)}</p>{credit}</figcaption></figure>')
    return out


def _facts(entry: PostEntry, public: PublicData, lang: str) -> str:
    post, url = entry.item.post, entry.url
    rows = []
    if post.sources:
        items = [external(s.url, mask(s.title, public)) for s in post.sources]
        rows.append(f"<h2>{esc(t('site.post.sources', lang))}</h2>" + ul(items, "sosmed-sources"))
    credits = post.credits
    people = [(role, getattr(credits, role)) for role in ("author", "camera", "drone", "editor", "contributor")]
    credit_items = [f"{esc(t(f'site.post.credit_role.{role}', lang))}: {esc(', '.join(names))}"
                    for role, names in people if names]
    if credit_items:
        rows.append(f"<h2>{esc(t('site.post.credits', lang))}</h2>" + ul(credit_items, "sosmed-credits"))
    if post.tags:
        tags = [link(url, f"tag/{slugify(tag)}/", tag) for tag in post.tags]
        rows.append(f"<p>{esc(t('site.post.tags', lang))}: " + ", ".join(tags) + "</p>")
    if not rows:
        return ""
    return '<div class="sosmed-facts" data-pagefind-ignore>' + "".join(rows) + "</div>"


def _published(entry: PostEntry, config: Config, lang: str) -> str:
    zone, url = config.zone, entry.url
    lines = []
    for where in entry.published:
        label = platform_label(where.platform, lang)
        if where.removed:
            lines.append(esc(t("site.post.removed", lang, platform=label)))
            continue
        target = external(where.url, t("site.post.view_post", lang)) if where.url else "-"
        when = fmt_datetime(where.time, zone, lang) if where.time else "-"
        lines.append(t("site.post.where_line", lang, platform=esc(label), link=target, time=esc(when)))
    declared = [link(url, f"platform/{p}/", platform_label(p, lang)) for p in entry.item.post.platforms]
    html = ['<div class="sosmed-published" data-pagefind-ignore>',
            f"<p>{esc(t('site.post.platforms', lang))}: " + ", ".join(declared) + "</p>"]
    if lines:
        html.append(f"<h2>{esc(t('site.post.where', lang))}</h2>" + ul(lines, "sosmed-receipts"))
    else:
        html.append(f"<p>{esc(t('site.post.not_yet', lang))}</p>")
    if entry.signoff is not None:
        html.append(f'<p class="sosmed-signoff">{esc(signoff_line(entry.signoff, config, lang))}</p>')
    html.append("</div>")
    return "".join(html)


def signoff_line(signoff: dict[str, Any], config: Config, lang: str) -> str:
    """``Disetujui oleh … pada … · PR #…`` from a ledger sign-off record."""
    from sosmed.site.archive import parse_time

    if signoff.get("mode") == "rehearsal":
        return t("site.post.signoff_rehearsal", lang)
    approvers = signoff.get("approvers") or []
    names = ", ".join(
        t("site.post.approver", lang, name=a.get("name") or a.get("login") or "?",
          role=t(f"site.post.role.{a['role']}", lang) if a.get("role") in ("kepala", "deputy", "bidang_head")
          else a.get("role") or "-")
        for a in approvers
    ) or "-"
    times = [parse_time(a.get("approved_at")) for a in approvers]
    latest = max((x for x in times if x is not None), default=parse_time(signoff.get("recorded")))
    when = fmt_datetime(latest, config.zone, lang) if latest else "-"
    pr = signoff.get("pr")
    if pr:
        return t("site.post.signoff", lang, approvers=names, time=when, pr=pr)
    return t("site.post.signoff_no_pr", lang, approvers=names, time=when)

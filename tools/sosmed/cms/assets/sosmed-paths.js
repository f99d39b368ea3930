// Folder names and local times of posts, as sosmed itself computes them (scaffold.slugify, the
// instance's time zone). Decap's own {{year}}/{{month}}/{{day}} are UTC: a post at 07:00 WITA
// would land in the previous day's folder, so the post path uses these values instead.

const WITH_ZONE = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/;

/** {year, month, day, hour, minute} (strings) of a date value in the instance's zone, or null. */
export function localParts(value, zone) {
  const text = String(value ?? '').trim();
  const match = LOCAL.exec(text);
  if (!match) return null;
  if (!WITH_ZONE.test(text)) {
    return { year: match[1], month: match[2], day: match[3], hour: match[4] ?? '00', minute: match[5] ?? '00' };
  }
  const moment = new Date(text);
  if (Number.isNaN(moment.getTime())) return null;
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  const parts = Object.fromEntries(format.formatToParts(moment).map(part => [part.type, part.value]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute };
}

/** "Sosialisasi Juknis Media Sosial!" → "sosialisasi-juknis-media-sosial" (as `sosmed new post`). */
export function slugify(title, fallback, maxLength = 60) {
  const ascii = String(title ?? '').normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
  const slug = ascii.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '') || fallback;
}

/** The values the post path template uses: sosmed_year, sosmed_month, sosmed_day, sosmed_slug. */
export function folderParts(data, zone, fallback) {
  const parts = localParts(data.date, zone);
  if (!parts) return null;
  return {
    sosmed_year: parts.year,
    sosmed_month: parts.month,
    sosmed_day: parts.day,
    sosmed_slug: slugify(data.title, fallback),
  };
}

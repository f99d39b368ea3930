// The preview of a post in the editor, built like the archive's post page (same classes, same
// stylesheets), with the words of the site's own catalogue.
import { localParts } from './sosmed-paths.js';

function fill(pattern, values) {
  return pattern.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** "12 Mei 2020, 09.00 WITA" for a date value, or '' when it is not a date yet. */
export function formatTime(value, words) {
  const parts = localParts(value, words.zone);
  if (!parts) return '';
  return fill(words.datetime, {
    day: Number(parts.day), month: words.months[Number(parts.month) - 1], year: parts.year,
    hour: parts.hour, minute: parts.minute, zone: words.zoneName,
  });
}

function list(value) {
  if (value === undefined || value === null) return [];
  const plain = typeof value.toJS === 'function' ? value.toJS() : value;
  return Array.isArray(plain) ? plain : [plain];
}

/** The React component (Decap's createClass and h) for CMS.registerPreviewTemplate. */
export function previewTemplate(words) {
  const h = window.h;
  return window.createClass({
    render() {
      const { entry, widgetFor, getAsset } = this.props;
      const get = key => entry.getIn(['data', key]);
      const time = formatTime(get('date'), words);
      const meta = [
        time && fill(words.publishedAt, { time }),
        words.divisions[get('bidang')] || get('bidang') || '',
        words.strategies[get('strategy')] || get('strategy') || '',
      ].filter(Boolean).join(' · ');
      const figures = list(get('media')).filter(m => m && m.file && /\.(jpe?g|png|webp|gif)$/i.test(m.file)).map(m => {
        const caption = [m.caption, m.credit && fill(words.credit, { credit: m.credit }),
          m.source && m.source !== m.credit && fill(words.source, { source: m.source })].filter(Boolean).join(' · ');
        return h('figure', { key: m.file },
          h('img', { src: String(getAsset(m.file)), alt: m.alt || '' }),
          caption ? h('figcaption', null, caption) : null);
      });
      const sources = list(get('sources')).map(s => (typeof s === 'string' ? { title: s } : s)).filter(s => s && s.title);
      const credits = list(get('credits'))[0] || {};
      const people = Object.keys(words.roles).map(role => [role, list(credits[role])]).filter(([, names]) => names.length);
      const tags = list(get('tags'));
      const platforms = ['website', ...list(get('platforms')).filter(p => p !== 'website')];
      return h('div', { className: 'md-content', 'data-md-component': 'content' },
        h('article', { className: 'md-content__inner md-typeset' },
          h('article', { className: 'sosmed-post', lang: words.contentLang },
            h('h1', null, get('title') || ''),
            h('p', { className: 'sosmed-meta' }, meta),
            widgetFor('body'),
            figures.length ? h('div', { className: 'sosmed-gallery', role: 'group', 'aria-label': words.gallery }, figures) : null),
          h('div', { className: 'sosmed-facts' },
            sources.length ? h('h2', null, words.sources) : null,
            sources.length ? h('ul', { className: 'sosmed-sources' }, sources.map((s, i) => h('li', { key: i },
              s.url ? h('a', { href: s.url, rel: 'noopener' }, s.title) : s.title))) : null,
            people.length ? h('h2', null, words.credits) : null,
            people.length ? h('ul', { className: 'sosmed-credits' }, people.map(([role, names]) => h('li', { key: role },
              `${words.roles[role]}: ${names.join(', ')}`))) : null,
            tags.length ? h('p', null, `${words.tags}: ${tags.join(', ')}`) : null),
          h('div', { className: 'sosmed-published' },
            h('p', null, `${words.platforms}: ${platforms.map(p => words.platformNames[p] || p).join(', ')}`))));
    },
  });
}

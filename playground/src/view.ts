/**
 * Rendering of the results: every value from a policy or a lead goes into the
 * page as text (textContent), never as HTML, so a shared policy cannot run code.
 */
import { matchedText, type Reason } from '../../runtime/index.js';
import type { LeadRow } from './protocol.js';

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const svgNs = 'http://www.w3.org/2000/svg';

/** An SVG element with these attributes and children (text as text nodes, never markup). */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, ...children: Array<Node | string>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

const knownColours: Record<string, string> = {
  SQL: 'green',
  MQL: 'blue',
  Nurture: 'grey',
  Blacklisted: 'red',
  A: 'green',
  B: 'blue',
  C: 'amber',
  D: 'grey',
};
const palette = ['teal', 'purple', 'amber', 'blue', 'green', 'pink'];

/** The colour of a label: known labels have theirs, others one from their text, the same every time. */
export function colourOf(label: string): string {
  let hash = 0;
  for (const char of label) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return knownColours[label] ?? palette[hash % palette.length]!;
}

/** A label as a coloured badge. */
export function badge(kind: string, label: string | null): HTMLElement {
  if (label === null) return element('span', { class: 'badge none' }, '—');
  return element('span', { class: `badge ${colourOf(label)}`, 'data-kind': kind, title: label }, label);
}

export function formatPoints(points: number): string {
  const text = Number.isInteger(points) ? String(points) : points.toFixed(2);
  return points > 0 ? `+${text}` : text;
}

export function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(2);
}

export function tableHead(sections: readonly string[]): HTMLTableRowElement {
  const cells = ['#', 'lead', 'score', ...sections, 'grade', 'stage', 'route'].map((name, index) =>
    element('th', { class: index === 2 || (index > 2 && index < 3 + sections.length) ? 'num' : '' }, name),
  );
  return element('tr', {}, ...cells);
}

export function tableRow(row: LeadRow, rank: number, sections: readonly string[], selected: boolean): HTMLTableRowElement {
  const who = element(
    'td',
    { class: 'who' },
    element('span', { class: 'lead-id' }, row.id),
    ' ',
    element('span', { class: 'lead-name' }, row.who.name || row.who.email || '(no name)'),
    element('span', { class: 'lead-sub' }, [row.who.title, row.who.company].filter(Boolean).join(' · ')),
  );
  const tr = element('tr', { 'data-id': row.id, tabindex: '0', class: selected ? 'selected' : '' });
  if (!row.result) {
    tr.append(element('td', { class: 'num' }, String(rank)), who, element('td', { class: 'lead-error', colspan: String(4 + sections.length) }, row.error ?? ''));
    return tr;
  }
  const result = row.result;
  tr.append(
    element('td', { class: 'num rank' }, String(rank)),
    who,
    element('td', { class: 'num score' }, formatScore(result.score)),
    ...sections.map((section) => element('td', { class: 'num', 'data-section': section }, formatScore(result.dimensions[section] ?? 0))),
    element('td', { class: 'grade' }, badge('grade', result.grade)),
    element('td', { class: 'stage' }, badge('stage', result.stage)),
    element('td', { class: 'route' }, badge('route', result.route)),
  );
  return tr;
}

/** The reasons of one lead, each a button that takes the editor to its rule. */
export function reasonList(row: LeadRow, onReason: (reason: Reason) => void): HTMLElement {
  const title = element('h2', {}, `${row.id} `, element('span', { class: 'lead-name' }, row.who.name || row.who.email));
  const sub = element('p', { class: 'lead-sub' }, [row.who.title, row.who.company, row.who.email].filter(Boolean).join(' · '));
  if (!row.result) return element('div', {}, title, sub, element('p', { class: 'lead-error' }, row.error ?? ''));
  const result = row.result;
  const facts = element(
    'p',
    { class: 'facts' },
    `score ${formatScore(result.score)} `,
    badge('grade', result.grade),
    ' ',
    badge('stage', result.stage),
    ' ',
    badge('route', result.route),
  );
  const items = result.reasons.map((reason) => {
    // A rule of an imported file names it.
    const where = `${reason.file ? `${reason.file} ` : ''}line ${reason.line}`;
    const button = element(
      'button',
      { type: 'button', class: 'reason', 'data-line': String(reason.line), ...(reason.file ? { 'data-file': reason.file } : {}), title: `${where}: go to the rule` },
      element(
        'span',
        { class: `points ${reason.blacklist ? 'blacklist' : reason.points < 0 ? 'negative' : 'positive'}` },
        reason.blacklist ? 'blacklist' : formatPoints(reason.points),
      ),
      element('code', { class: 'rule' }, reason.rule),
      element(
        'span',
        { class: 'where' },
        [
          where,
          reason.section ?? 'total',
          reason.events === undefined ? '' : `${reason.events} event${reason.events === 1 ? '' : 's'}`,
          // Which entry of a list made the rule fire: `matched title contains "CTO"`.
          reason.matched ? `matched ${reason.matched.map(matchedText).join(', ')}` : '',
        ]
          .filter(Boolean)
          .join(' · '),
      ),
    );
    button.addEventListener('click', () => onReason(reason));
    return element('li', {}, button);
  });
  const list = items.length > 0 ? element('ol', { class: 'reasons' }, ...items) : element('p', { class: 'muted' }, 'No rule fired for this lead.');
  return element('div', {}, title, sub, facts, element('h3', {}, 'Why: the rules that fired'), list);
}

/** Counts per stage, in order of first appearance in the ranking. */
export function stageSummary(rows: readonly LeadRow[]): HTMLElement {
  const counts = new Map<string, number>();
  let failed = 0;
  for (const row of rows) {
    if (!row.result) failed++;
    else counts.set(row.result.stage ?? '—', (counts.get(row.result.stage ?? '—') ?? 0) + 1);
  }
  const parts: Array<Node | string> = [`${rows.length} leads: `];
  for (const [stage, count] of counts) parts.push(element('span', { class: 'count' }, badge('stage', stage), ` ${count}`), ' ');
  if (failed > 0) parts.push(element('span', { class: 'lead-error' }, `${failed} could not be scored`));
  return element('p', {}, ...parts);
}

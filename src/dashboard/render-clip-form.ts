// The edit form of one clip on the Clips page: caption, in and out, posted to
// /clips/<spec id>/<sku>/<clip>. After a refused edit it shows what was typed, with each problem
// (file:line:col and message) beside the field it is about.
import type { ClipSpec } from '../promo-spec/spec-types.ts';
import { formatLocation } from '../util/promo-error.ts';
import type { YamlIssue } from '../yaml/yaml-issue.ts';
import type { Translate } from './dashboard-types.ts';
import { html } from './html.ts';
import type { SafeHtml } from './safe-html.ts';

/** What was posted and why it was refused, for the one form it came from. */
export interface ClipFormState {
  specId: string;
  sku: string;
  clip: number;
  values: { caption?: string; in?: string; out?: string };
  issues: YamlIssue[];
}

const FIELDS = ['caption', 'in', 'out'] as const;
type Field = (typeof FIELDS)[number];

/** The form of `clip` of product `sku` (index `productIndex` in the spec); `state` when it was just refused. */
export function renderClipForm(specId: string, sku: string, productIndex: number, clip: ClipSpec, t: Translate, state?: ClipFormState, specDir?: string): SafeHtml {
  const prefix = `products[${productIndex}].clips[${clip.index}]`;
  const issues = state?.issues ?? [];
  const at = (field: Field) => issues.filter((issue) => fieldOf(issue.path, prefix) === field);
  const general = issues.filter((issue) => fieldOf(issue.path, prefix) === undefined);
  const value = (field: Field, current: string) => state?.values[field] ?? current;
  const id = `c-${specId}-${encodeURIComponent(sku)}-${clip.index}`.replace(/%/g, '_');
  const problem = (list: YamlIssue[]) => list.map((issue) => html`<p class="field-error" role="alert"><code>${formatLocation(issue, specDir)}</code> ${issue.message}</p>`);
  return html`<form class="clip-form${issues.length > 0 ? ' refused' : ''}" method="post" action="/clips/${specId}/${encodeURIComponent(sku)}/${clip.index}" id="${id}">
<p class="clip-title">${t('clips.clip', { n: clip.index + 1 })}</p>
${problem(general)}
<label>${t('clips.caption')}
<textarea name="caption" rows="2" maxlength="500"${clip.captions ? html` disabled` : ''}>${value('caption', clip.caption ?? '')}</textarea></label>
${clip.captions ? html`<p class="hint">${t('clips.timedCaptions')}</p>` : ''}
${problem(at('caption'))}
<div class="times">
<label>${t('clips.in')} <input name="in" inputmode="decimal" value="${value('in', clip.in === undefined ? '' : String(clip.in))}" placeholder="0"></label>
<label>${t('clips.out')} <input name="out" inputmode="decimal" value="${value('out', clip.out === undefined ? '' : String(clip.out))}"${clip.duration !== undefined ? html` placeholder="${t('clips.durationGiven', { n: clip.duration })}"` : ''}></label>
</div>
${problem([...at('in'), ...at('out')])}
<div class="actions"><button class="primary" type="submit">${t('clips.save')}</button></div>
</form>`;
}

/** Which field of the clip `path` names (`…clips[0].duration` is shown at out); undefined: the clip or elsewhere. */
function fieldOf(path: string, prefix: string): Field | undefined {
  if (!path.startsWith(`${prefix}.`)) return undefined;
  const field = path.slice(prefix.length + 1);
  if (field === 'duration') return 'out';
  if (field === 'captions') return 'caption';
  return (FIELDS as readonly string[]).includes(field) ? (field as Field) : undefined;
}

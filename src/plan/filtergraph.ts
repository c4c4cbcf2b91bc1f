// Filtergraphs as typed data. stringifyFiltergraph in this file is the only place in promo that
// turns them into ffmpeg's text form, and so the only place that escapes values and formats
// numbers: nothing a user writes can add, remove or reconfigure a filter.
// Escaping rules: https://ffmpeg.org/ffmpeg-filters.html#Notes-on-filtergraph-escaping

export type FilterValue = string | number | boolean;

export interface Filter {
  name: string;
  /** Positional values (`scale=1080:1920`) or named options (`overlay=x=10:y=20`). */
  args?: readonly FilterValue[] | Readonly<Record<string, FilterValue | undefined>>;
}

export interface FilterChain {
  /** Link labels without brackets, e.g. `0:v` or `v0`. */
  inputs: readonly string[];
  filters: readonly Filter[];
  outputs: readonly string[];
}

export type Filtergraph = readonly FilterChain[];

/** A raw ffmpeg expression (e.g. `between(t,1,2)`): escaped like any value, but never quoted away. */
export function expr(text: string): string {
  return text;
}

/** Turns a filtergraph into the string ffmpeg's -filter_complex takes. */
export function stringifyFiltergraph(graph: Filtergraph): string {
  return graph.map(stringifyChain).join(';');
}

function stringifyChain(chain: FilterChain): string {
  if (chain.filters.length === 0) throw new Error('a filter chain needs at least one filter');
  const inputs = chain.inputs.map(formatLabel).join('');
  const outputs = chain.outputs.map(formatLabel).join('');
  return `${inputs}${chain.filters.map(stringifyFilter).join(',')}${outputs}`;
}

function stringifyFilter(filter: Filter): string {
  if (!/^[a-z0-9_]+$/.test(filter.name)) throw new Error(`invalid filter name: ${filter.name}`);
  const args = filter.args;
  if (args === undefined) return filter.name;
  const parts: string[] = [];
  if (Array.isArray(args)) {
    for (const value of args as readonly FilterValue[]) parts.push(escapeFilterValue(formatValue(value)));
  } else {
    for (const [key, value] of Object.entries(args as Record<string, FilterValue | undefined>)) {
      if (value === undefined) continue;
      if (!/^[a-z0-9_]+$/i.test(key)) throw new Error(`invalid option name: ${key}`);
      parts.push(`${key}=${escapeFilterValue(formatValue(value))}`);
    }
  }
  return parts.length === 0 ? filter.name : `${filter.name}=${parts.join(':')}`;
}

function formatLabel(label: string): string {
  if (!/^[A-Za-z0-9_:.]+$/.test(label)) throw new Error(`invalid link label: ${label}`);
  return `[${label}]`;
}

function formatValue(value: FilterValue): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return value;
}

/** Formats a number for ffmpeg: no exponent, at most 6 decimals, no trailing zeros, no `-0`. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  const text = value.toFixed(6).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/**
 * Escapes one option value for use inside a filtergraph. First level (the filter's option
 * parser): the value is quoted, and a quote inside it is written as '\''. Second level (the
 * graph parser): every character special to it (\ ' [ ] , ;) gets a backslash. Plain values
 * (digits, letters and a few safe symbols) are left as they are so graphs stay readable.
 */
export function escapeFilterValue(value: string): string {
  if (/^[A-Za-z0-9_.+\-/#*]*$/.test(value) && value !== '') return value;
  const quoted = `'${value.replace(/'/g, "'\\''")}'`;
  return quoted.replace(/[\\'[\],;]/g, '\\$&');
}

// Reads one YAML file (a spec or the config) defensively: size cap before parsing, UTF-8 only,
// YAML 1.2 only, one document, no alias bombs, no tags, no prototype keys. Everything else that is
// wrong with the YAML is reported with its line and column, all at once.
import { open, stat } from 'node:fs/promises';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { checkYamlSafety } from './check-yaml-safety.ts';
import type { YamlIssue } from './yaml-issue.ts';
import { formatYamlPath, shorten } from './yaml-issue.ts';
import { createYamlLocator, type YamlLocator } from './yaml-locator.ts';

/** 1 MiB: a spec for a thousand products is a few hundred KiB. */
export const MAX_YAML_BYTES = 1024 * 1024;
/** Passed to the yaml package: toJS refuses once an anchor's uses times its aliases exceed this. */
export const MAX_ALIAS_COUNT = 50;

export interface ReadYamlFileOptions {
  /** What the file is, for messages: `spec`, `config`. */
  what: string;
  maxBytes?: number;
}

export type ReadYamlFileResult =
  | {
      ok: true;
      /** The document's values as plain data (undefined for an empty file). */
      value: unknown;
      locator: YamlLocator;
      /** YAML problems that still left a readable document (syntax errors, duplicate keys). */
      issues: YamlIssue[];
    }
  | { ok: false; issues: YamlIssue[] };

/** Reads and parses `file` (an absolute path). */
export async function readYamlFile(file: string, options: ReadYamlFileOptions): Promise<ReadYamlFileResult> {
  const maxBytes = options.maxBytes ?? MAX_YAML_BYTES;
  const fileIssue = (message: string): ReadYamlFileResult => ({
    ok: false,
    issues: [{ file, line: 1, col: 1, path: '', message }],
  });

  let text: string;
  try {
    const info = await stat(file);
    // A FIFO or device would block the read forever; a folder cannot be read at all.
    if (!info.isFile()) return fileIssue(`the ${options.what} is not a regular file; give the path of a .yaml file`);
    if (info.size > maxBytes) return fileIssue(tooBig(info.size, maxBytes, options.what));
    const bytes = await readAtMost(file, maxBytes + 1);
    // The file may have grown since stat.
    if (bytes.length > maxBytes) return fileIssue(tooBig(bytes.length, maxBytes, options.what));
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fileIssue(`the ${options.what} file does not exist; check the path`);
    if (error instanceof TypeError) return fileIssue(`the ${options.what} is not UTF-8 text; save it as UTF-8`);
    return fileIssue(`cannot read the ${options.what}: ${(error as Error).message}`);
  }

  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, {
      lineCounter,
      version: '1.2',
      schema: 'core',
      // Checked in checkYamlSafety instead: the package's check is quadratic in the mapping size.
      uniqueKeys: false,
      prettyErrors: false,
      merge: false,
    });
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (error) {
    return fileIssue(`cannot parse the ${options.what}: ${(error as Error).message}`);
  }
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };

  // YAML 1.1 reads `no` as false and `1:30` as 90; other directives (%TAG) only serve custom tags.
  const refused: YamlIssue[] = [];
  for (const directive of findDirectives(text)) {
    if (/^%YAML[ \t]+1\.2[ \t]*$/.test(directive.source)) continue;
    refused.push({
      ...at(directive.offset),
      path: '',
      message: `the directive \`${directive.source}\` is not supported; remove it — ${options.what} files are YAML 1.2`,
    });
  }
  if (docs.length > 1) {
    refused.push({
      ...at(docs[1]!.range[0]),
      path: '',
      message: `a second YAML document starts here; a ${options.what} file holds one document — remove this \`---\` and what follows, or move it to its own file`,
    });
  }
  if (refused.length > 0) return { ok: false, issues: refused };

  const doc = docs[0];
  // Belt and braces: whatever the prologue scan missed, the parser's own view must be plain 1.2.
  if (doc && (doc.directives?.yaml.version ?? '1.2') !== '1.2') {
    return fileIssue(`the document declares YAML ${doc.directives?.yaml.version}; remove the %YAML directive — ${options.what} files are YAML 1.2`);
  }
  if (!doc) return { ok: true, value: undefined, locator: createYamlLocator(undefined, lineCounter, file), issues: [] };

  const issues: YamlIssue[] = doc.errors.map((error) => ({
    ...at(error.pos[0]),
    path: '',
    message: `YAML syntax error: ${error.message.replace(/\s+/g, ' ').replace(/[.:]\s*$/, '')}; fix the YAML here (check indentation, quotes, colons and brackets)`,
  }));

  const safety = checkYamlSafety(doc);
  if (safety.problems.length > 0) {
    return {
      ok: false,
      issues: safety.problems.map((problem) => ({ ...at(problem.offset), path: formatYamlPath(problem.path), message: problem.message })),
    };
  }
  for (const duplicate of safety.duplicates) {
    issues.push({
      ...at(duplicate.offset),
      path: formatYamlPath([...duplicate.path, duplicate.name]),
      message: `duplicate key \`${shorten(duplicate.name)}\` (first at line ${at(duplicate.firstOffset).line}): only one value can be kept; remove or rename one of them`,
    });
  }
  const locator = createYamlLocator(doc, lineCounter, file, safety.aliasTargets);

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = (error as Error).message;
    if (/alias/i.test(message)) {
      return fileIssue(`${message.replace(/\.$/, '')}; refused — use fewer aliases (at most ${MAX_ALIAS_COUNT} uses of an anchor)`);
    }
    if (issues.length > 0) return { ok: false, issues };
    return fileIssue(`cannot read the ${options.what}'s values: ${message}`);
  }
  return { ok: true, value, locator, issues };
}

async function readAtMost(file: string, limit: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(limit);
    let length = 0;
    while (length < limit) {
      const { bytesRead } = await handle.read(buffer, length, limit - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

function tooBig(size: number, limit: number, what: string): string {
  return `the ${what} file is ${formatBytes(size)}, over the ${formatBytes(limit)} limit; refused before parsing — a ${what} only holds settings and paths, keep large data in the files it points to`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB (${bytes} bytes)`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`;
  return `${bytes} bytes`;
}

/**
 * The directives of the first document: `%` lines before its `---`, among comments and blank
 * lines. (Directives of later documents need not be found: a second document is refused.)
 */
function findDirectives(text: string): { offset: number; source: string }[] {
  const found: { offset: number; source: string }[] = [];
  let offset = 0;
  while (offset < text.length) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    const line = text.slice(offset, end).replace(/\r$/, '');
    if (line.startsWith('%')) found.push({ offset, source: line.replace(/[ \t]+#.*$/, '').trim() });
    else if (line.trim() !== '' && !line.trimStart().startsWith('#')) break;
    offset = end + 1;
  }
  return found;
}

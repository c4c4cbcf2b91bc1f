// Replaces {{name}} in a template text with its value, in one pass (a value that itself
// contains "{{…}}" stays literal).

/** The filled text, or undefined when a placeholder it uses has no value (the item is left out). */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string | undefined {
  let missing = false;
  const filled = text.replace(/\{\{\s*([A-Za-z.]+)\s*\}\}/g, (_, name: string) => {
    const value = values[name] ?? '';
    if (value.trim() === '') missing = true;
    return value;
  });
  return missing ? undefined : filled;
}

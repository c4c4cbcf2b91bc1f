// HTML that is safe to send: built only by `html` (which escapes every value) or taken as it is
// from a constant with SafeHtml.raw. Nothing else may turn a string into page markup.

/** Markup that is already escaped. */
export class SafeHtml {
  private constructor(readonly text: string) {}

  /** Markup written by us (a constant, never user text); anything else goes through `html`. */
  static raw(text: string): SafeHtml {
    return new SafeHtml(text);
  }

  toString(): string {
    return this.text;
  }
}

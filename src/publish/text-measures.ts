// How the chat services count a text against their limits: UTF-8 bytes, or UTF-16 code units.

/** UTF-8 bytes of a text. */
export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
/** Characters as the chat services count them: UTF-16 code units, the safe upper bound. */
export const utf16Units = (text: string): number => text.length;

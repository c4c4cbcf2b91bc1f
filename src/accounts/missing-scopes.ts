// Which of the scopes promo asked for an account did not grant, said as a warning a person can act on.

/** Users may grant only some of the scopes asked for (TikTok, Google's granular consent): say which are missing. */
export function missingScopes(granted: readonly string[], wanted: readonly string[]): string[] {
  const missing = wanted.filter((scope) => !granted.includes(scope));
  return missing.length === 0 ? [] : [`the account did not grant ${missing.join(', ')}: posting may be refused; connect again and allow every permission asked for`];
}


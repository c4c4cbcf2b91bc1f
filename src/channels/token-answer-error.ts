// What a profile's token-answer parser throws when the service's answer is a refusal it
// understood: `appRefused` when the service refused the app's own credentials (a wrong or
// missing client id: fixed in config.yaml, not by connecting the account again).
/** A refusal read from a token answer (HTTP 200 with an error code, as Douyin answers). */
export class TokenAnswerError extends Error {
  constructor(message: string, readonly appRefused = false) {
    super(message);
    this.name = 'TokenAnswerError';
  }
}

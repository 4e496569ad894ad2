/** The model answered, but not with 5 distinct valid hashtags; counts as an AI failure. */
export class InvalidAiAnswerError extends Error {
  constructor(readonly reason: string) {
    super(`Invalid AI answer: ${reason}`);
    this.name = 'InvalidAiAnswerError';
  }
}

/** A design that cannot be planned safely, with the reason in words a user can act on. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

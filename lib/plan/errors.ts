import { DomainError } from '@/lib/errors';
import type { DesignIssue } from '@/lib/topology/design';

/** A design that cannot be planned safely, with the reason in words a user can act on: 409. */
export class PlanError extends DomainError {
  constructor(message: string) {
    super(409, message);
    this.name = 'PlanError';
  }
}

/** A design whose rules fail (before or against the live estate): 422 with each issue and the field it names. */
export class DesignInvalidError extends DomainError {
  constructor(readonly issues: DesignIssue[]) {
    super(422, `The design has ${issues.length} error${issues.length === 1 ? '' : 's'}; fix them before planning (first: ${issues[0]?.rule}).`, {
      issues,
      fields: issues.map((i) => ({ path: `${i.recordId}.${i.path}`, rule: i.rule })),
    });
    this.name = 'DesignInvalidError';
  }
}

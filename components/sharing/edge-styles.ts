// How sharing looks on the canvas, as plain style objects the canvas applies to its edges.

/** A pending invitation: dashed amber from a resource to the account it would reach. */
export const INVITATION_EDGE_STYLE = { stroke: '#d97706', strokeWidth: 1.5, strokeDasharray: '6 4' } as const;

/**
 * An association whose two ends belong to different accounts: a little heavier and tinted, so
 * it reads as crossing an ownership boundary without drowning a hub-and-spoke estate in colour.
 */
export const CROSS_ACCOUNT_EDGE_STYLE = { stroke: '#a5b4fc', strokeWidth: 1.6 } as const;

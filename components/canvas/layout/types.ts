// The layout problem, as plain data the worker can receive: boxes with sizes in account
// groups, and the links between them oriented the way the picture should read (service
// networks on the left, what attaches to them to the right).

export interface LayoutBox {
  id: string;
  width: number;
  height: number;
  group: string;
  /** Preferred column inside a group (0 = leftmost); the grid layout uses it, ELK treats it as a hint of order. */
  column: number;
  /** Sort key inside a column, so equal inputs give equal pictures. */
  order: string;
  /** Drawn from another account's reference: its own account has not been read (yet). */
  reference?: boolean;
}

export interface LayoutLink {
  id: string;
  /** The box drawn on the left. */
  from: string;
  /** The box drawn on the right. */
  to: string;
}

export interface LayoutGroup {
  id: string;
  /** Groups that own service networks are the hubs; they go first. */
  rank: number;
}

export interface LayoutInput {
  boxes: LayoutBox[];
  links: LayoutLink[];
  groups: LayoutGroup[];
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LayoutResult {
  positions: Record<string, { x: number; y: number }>;
  groups: Record<string, Rect>;
  engine: 'elk' | 'grid';
  ms: number;
}

/** Space above a group's boxes for its title, and around them. */
export const GROUP_HEADER = 34;
export const GROUP_PADDING = 16;

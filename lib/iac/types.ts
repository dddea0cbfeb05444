// What an export returns, in both formats.
export interface ExportFile {
  path: string;
  content: string;
}

export interface ExportResult {
  files: ExportFile[];
  /** What the output leaves out or cannot say, and what the reader should know. */
  notes: string[];
  summary: { resources: number; imports: number; variables: number };
}

export interface ExportOptions {
  /** Import blocks for live resources (Terraform); on by default. */
  imports?: boolean;
  /** The role to assume in each account, when the console knows it (its accounts configuration). */
  roleArns?: Record<string, string>;
}

export type ExportFormat = 'terraform' | 'cloudformation';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['terraform', 'cloudformation'];

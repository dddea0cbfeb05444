// Export to Terraform and CloudFormation: pure functions from a Topology (a selection, an
// account, the estate), a design, or what a plan changes, to files.
import { exportCloudFormation } from './cloudformation';
import type { IacSource } from './source';
import { exportTerraform } from './terraform';
import type { ExportFormat, ExportOptions, ExportResult } from './types';

export * from './types';
export { sourceFromDesign, sourceFromPlan, sourceFromTopology, type IacResource, type IacSource, type TopologyScope } from './source';
export { exportTerraform, terraformImportId, TERRAFORM_SCHEMA } from './terraform';
export { exportCloudFormation } from './cloudformation';
export { checkTerraform, type SchemaIssue } from './terraform-check';
export { zipFiles } from './zip';
export { parseExportQuery, type ExportScope } from './request';

export function exportIac(source: IacSource, format: ExportFormat, options: ExportOptions = {}): ExportResult {
  return format === 'terraform' ? exportTerraform(source, options) : exportCloudFormation(source);
}

// The Terraform resource types the export writes, and whose schema is vendored beside this file.
export const TERRAFORM_TYPES = [
  'aws_vpclattice_service_network',
  'aws_vpclattice_service',
  'aws_vpclattice_listener',
  'aws_vpclattice_listener_rule',
  'aws_vpclattice_target_group',
  'aws_vpclattice_target_group_attachment',
  'aws_vpclattice_service_network_service_association',
  'aws_vpclattice_service_network_vpc_association',
  'aws_vpclattice_service_network_resource_association',
  'aws_vpclattice_auth_policy',
  'aws_vpclattice_resource_policy',
  'aws_vpclattice_access_log_subscription',
  'aws_vpclattice_resource_gateway',
  'aws_vpclattice_resource_configuration',
  'aws_vpc_endpoint',
  'aws_ram_resource_share',
  'aws_ram_principal_association',
  'aws_ram_resource_association',
  'aws_ram_resource_share_accepter',
] as const;

export type TerraformType = (typeof TERRAFORM_TYPES)[number];

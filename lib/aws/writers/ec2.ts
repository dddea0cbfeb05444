// The EC2 write calls a plan makes: service-network VPC endpoints.
import { CreateVpcEndpointCommand, DeleteVpcEndpointsCommand, type EC2Client } from '@aws-sdk/client-ec2';

type Input = Record<string, unknown>;
const as = <T>(input: Input) => input as unknown as T;

export const ec2Writers = {
  CreateVpcEndpoint: (c: EC2Client, i: Input) => c.send(new CreateVpcEndpointCommand(as(i))),
  DeleteVpcEndpoints: async (c: EC2Client, i: Input) => {
    const out = await c.send(new DeleteVpcEndpointsCommand(as(i)));
    // EC2 answers 200 and lists failures; a delete that failed is an error here.
    const failed = out.Unsuccessful?.[0];
    if (failed?.Error) {
      throw Object.assign(new Error(failed.Error.Message ?? 'DeleteVpcEndpoints failed'), { name: failed.Error.Code ?? 'UnsuccessfulItem', $metadata: { httpStatusCode: failed.Error.Code?.endsWith('.NotFound') ? 404 : 400 } });
    }
    return out;
  },
};

export type Ec2WriteCall = keyof typeof ec2Writers;

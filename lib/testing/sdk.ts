// Points the console's SDK clients (lib/aws, the default credential chain) at a lattice-local:
// the endpoint through the SDK's own variable, the account's keys as the base credentials.
import { forgetClients } from '@/lib/aws';
import { TEST_REGION } from './convergence';

export { TEST_REGION };

export function pointSdkAt(url: string, account: string, region = TEST_REGION): void {
  Object.assign(process.env, { AWS_ENDPOINT_URL: url, AWS_ACCESS_KEY_ID: account, AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: region });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  forgetClients();
}

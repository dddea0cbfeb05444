"""Sends one request to a Lattice service's DNS name through lattice-local, signed with botocore's
SigV4 signer for vpc-lattice-svcs and UNSIGNED-PAYLOAD, as AWS's Python example signs it.

Usage: dataplane_botocore.py ENDPOINT HOST SOURCE_VPC METHOD PATH ACCESS_KEY SECRET TOKEN [BODY]
Prints {"status": …, "body": …} as JSON."""
import http.client
import json
import sys
from urllib.parse import urlparse

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

endpoint, host, vpc, method, path, key, secret, token = sys.argv[1:9]
body = sys.argv[9] if len(sys.argv) > 9 else None
headers = {'Host': host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'X-Lattice-Local-Source-Vpc': vpc}
if body is not None:
    headers['Content-Type'] = 'application/json'
request = AWSRequest(method=method, url=f'http://{host}{path}', data=body, headers=headers)
request.context['payload_signing_enabled'] = False
SigV4Auth(Credentials(key, secret, token), 'vpc-lattice-svcs', 'us-east-1').add_auth(request)

target = urlparse(endpoint)
connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
connection.request(method, path, body=body, headers=dict(request.headers.items()))
response = connection.getresponse()
print(json.dumps({'status': response.status, 'body': response.read().decode('utf8')}))

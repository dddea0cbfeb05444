"""Drives lattice-local with clients Trellis did not write: boto3, and the AWS CLI's own driver.

Run by aws-cli.test.ts as `python3 aws_clients.py GROUP` with LATTICE_LOCAL_URL (and INVENTORY,
the JSON of what the test made in EC2) in the environment. Each group makes its calls and prints
one JSON object of what it saw on its last line; the test asserts on it. Credentials follow
lattice-local's convention: the access key id is the account, the secret `test`.

The CLI runs in this process through awscli.clidriver (the code behind the `aws` command, with
its argument parsing, pagination flags and error output), so a group pays Python's start-up once.
"""

import contextlib
import io
import json
import os
import re
import sys
import tempfile
import urllib.request

import boto3
from awscli.clidriver import create_clidriver
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

ENDPOINT = os.environ["LATTICE_LOCAL_URL"]
INVENTORY = json.loads(os.environ.get("INVENTORY", "{}"))
REGION = "us-east-1"
NO_RETRIES = Config(retries={"max_attempts": 1, "mode": "standard"})


def client(service, account):
    session = boto3.session.Session(aws_access_key_id=account, aws_secret_access_key="test", region_name=REGION)
    return session.client(service, endpoint_url=ENDPOINT, config=NO_RETRIES)


def error_of(call, **kwargs):
    """The error a boto3 call answered: code, message, HTTP status and modeled members."""
    try:
        call(**kwargs)
    except ClientError as e:
        r = e.response
        members = {k: v for k, v in r.items() if k not in ("Error", "ResponseMetadata")}
        return {"code": r["Error"].get("Code"), "message": r["Error"].get("Message"), "status": r["ResponseMetadata"]["HTTPStatusCode"], **members}
    return {"code": None, "message": "the call succeeded"}


_drivers = {}


def cli(account, *args):
    """One AWS CLI command, as `aws --endpoint-url … ARGS` would run it: exit code, parsed output, stderr."""
    if account not in _drivers:
        # The driver's session reads the credentials from the environment when it is made.
        os.environ.update({"AWS_ACCESS_KEY_ID": account, "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": REGION})
        _drivers[account] = create_clidriver()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = _drivers[account].main(["--endpoint-url", ENDPOINT, "--output", "json", *args])
    text = out.getvalue().strip()
    return {"rc": rc, "out": json.loads(text) if text else None, "err": err.getvalue().strip()}


def set_activation_delay(ms):
    """lattice-local's admin endpoint: how long creations stay CREATE_IN_PROGRESS."""
    body = json.dumps({"activationDelayMs": ms}).encode()
    request = urllib.request.Request(f"{ENDPOINT}/_local/faults", data=body, method="POST", headers={"content-type": "application/json", "x-lattice-local": "admin"})
    urllib.request.urlopen(request).read()


def raw_ec2(account, action):
    """An EC2 query request signed by botocore's SigV4, for an action no SDK can name."""
    request = AWSRequest(method="POST", url=ENDPOINT + "/", data=f"Action={action}&Version=2016-11-15".encode(), headers={"content-type": "application/x-www-form-urlencoded; charset=utf-8"})
    SigV4Auth(Credentials(account, "test"), "ec2", REGION).add_auth(request)
    prepared = request.prepare()
    try:
        with urllib.request.urlopen(urllib.request.Request(prepared.url, data=prepared.body if isinstance(prepared.body, bytes) else prepared.body.encode(), headers=dict(prepared.headers), method="POST")) as response:
            return {"status": response.status, "body": response.read().decode()}
    except urllib.error.HTTPError as e:
        return {"status": e.code, "body": e.read().decode()}


def forward(tg_id):
    return {"forward": {"targetGroups": [{"targetGroupIdentifier": tg_id, "weight": 100}]}}


# ---- Groups -------------------------------------------------------------------------------------


def recipe():
    """A service network, a service with a target group, listener and rule, both associations,
    read back by both clients, then torn down in the order AWS requires."""
    account = INVENTORY["account"]
    lattice = client("vpc-lattice", account)
    seen = {}
    sn = lattice.create_service_network(name="cli-recipe-net", authType="AWS_IAM", tags={"team": "network"})
    svc = lattice.create_service(name="cli-orders", authType="NONE")
    tg = lattice.create_target_group(name="cli-orders-tg", type="INSTANCE", config={"port": 8080, "protocol": "HTTP", "vpcIdentifier": INVENTORY["vpcId"]})
    seen["created"] = {"sn": sn["id"], "svc": svc["id"], "svcStatus": svc["status"], "tg": tg["id"], "tgStatus": tg["status"], "dns": svc["dnsEntry"]["domainName"]}
    registered = lattice.register_targets(targetGroupIdentifier=tg["id"], targets=[{"id": INVENTORY["instanceId"], "port": 8080}])
    listener = lattice.create_listener(serviceIdentifier=svc["id"], name="http", protocol="HTTP", port=80, defaultAction=forward(tg["id"]))
    rule = lattice.create_rule(
        serviceIdentifier=svc["id"],
        listenerIdentifier=listener["id"],
        name="orders-not-here",
        priority=10,
        match={"httpMatch": {"pathMatch": {"match": {"prefix": "/legacy"}}}},
        action={"fixedResponse": {"statusCode": 404}},
    )
    snsa = lattice.create_service_network_service_association(serviceNetworkIdentifier=sn["id"], serviceIdentifier=svc["arn"])
    snva = lattice.create_service_network_vpc_association(serviceNetworkIdentifier=sn["arn"], vpcIdentifier=INVENTORY["vpcId"], securityGroupIds=[INVENTORY["securityGroupId"]])
    rules = lattice.list_rules(serviceIdentifier=svc["id"], listenerIdentifier=listener["id"])["items"]
    seen["ids"] = [sn["id"], svc["id"], tg["id"], listener["id"], rule["id"], snsa["id"], snva["id"], *[r["id"] for r in rules]]
    seen["registered"] = {"successful": len(registered["successful"]), "unsuccessful": len(registered["unsuccessful"])}
    seen["rules"] = sorted([r["name"], r["isDefault"]] for r in rules)
    seen["associations"] = {"snsa": snsa["status"], "snva": snva["status"], "snvaGroups": snva["securityGroupIds"]}
    seen["service"] = {k: lattice.get_service(serviceIdentifier=svc["arn"])[k] for k in ("status", "authType")}
    seen["targets"] = [[t["id"], t["port"]] for t in lattice.list_targets(targetGroupIdentifier=tg["arn"])["items"]]
    seen["createdAtIsDate"] = type(lattice.get_service_network(serviceNetworkIdentifier=sn["id"])["createdAt"]).__name__

    # The CLI reads the same estate.
    got = cli(account, "vpc-lattice", "get-service-network", "--service-network-identifier", sn["id"])
    seen["cliNetwork"] = {"rc": got["rc"], "name": got["out"]["name"], "numberOfAssociatedServices": got["out"]["numberOfAssociatedServices"], "numberOfAssociatedVPCs": got["out"]["numberOfAssociatedVPCs"]}
    listed = cli(account, "vpc-lattice", "list-service-network-service-associations", "--service-network-identifier", sn["arn"], "--query", "items[].serviceName")
    seen["cliAssociations"] = listed["out"]
    seen["cliIdentity"] = cli(account, "sts", "get-caller-identity")["out"]
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "vpc-lattice-svcs:Invoke", "Resource": "*"}]})
    seen["cliAuthPolicy"] = cli(account, "vpc-lattice", "put-auth-policy", "--resource-identifier", sn["id"], "--policy", policy)["out"]

    # Teardown: the network refuses while anything is associated.
    seen["deleteBusyNetwork"] = error_of(lattice.delete_service_network, serviceNetworkIdentifier=sn["id"])
    lattice.delete_service_network_vpc_association(serviceNetworkVpcAssociationIdentifier=snva["id"])
    seen["deleteNetworkWithService"] = error_of(lattice.delete_service_network, serviceNetworkIdentifier=sn["id"])
    lattice.delete_service_network_service_association(serviceNetworkServiceAssociationIdentifier=snsa["arn"])
    lattice.delete_service_network(serviceNetworkIdentifier=sn["id"])
    lattice.delete_service(serviceIdentifier=svc["id"])
    lattice.delete_target_group(targetGroupIdentifier=tg["id"])
    seen["left"] = {
        "networks": len(lattice.list_service_networks()["items"]),
        "services": len(lattice.list_services()["items"]),
        "targetGroups": len(lattice.list_target_groups()["items"]),
    }
    return seen


def pagination():
    """The CLI's --max-items/--starting-token and --page-size, and boto3's paginator, over seven services."""
    account = INVENTORY["account"]
    lattice = client("vpc-lattice", account)
    names = [f"cli-page-{i}" for i in range(1, 8)]
    for name in names:
        lattice.create_service(name=name)
    seen = {"names": names, "pages": []}
    token = None
    while True:
        args = ["vpc-lattice", "list-services", "--max-items", "3"] + (["--starting-token", token] if token else [])
        page = cli(account, *args)["out"]
        seen["pages"].append([s["name"] for s in page["items"]])
        token = page.get("NextToken")
        if not token or len(seen["pages"]) > 5:
            break
    small = cli(account, "vpc-lattice", "list-services", "--page-size", "2", "--query", "items[].name")
    seen["pageSize2"] = small["out"]
    pages = list(lattice.get_paginator("list_services").paginate(PaginationConfig={"PageSize": 2}))
    seen["boto3Pages"] = [[s["name"] for s in p["items"]] for p in pages]
    seen["subnetPages"] = [len(p["Subnets"]) for p in client("ec2", account).get_paginator("describe_subnets").paginate(PaginationConfig={"PageSize": 5})]
    seen["forgedToken"] = error_of(lattice.list_services, nextToken="not-a-token-of-ours")
    return seen


def conflicts():
    """ConflictException texts, not-found and validation errors, policies with newlines, and
    tags across accounts, through boto3 and the CLI."""
    account, other = INVENTORY["account"], INVENTORY["otherAccount"]
    lattice = client("vpc-lattice", account)
    seen = {}

    set_activation_delay(3_600_000)
    try:
        sn = lattice.create_service_network(name="cli-conflict-net")
        svc = lattice.create_service(name="cli-still-creating")
        seen["svc"] = {"id": svc["id"], "status": svc["status"]}
        seen["boto3Associate"] = error_of(lattice.create_service_network_service_association, serviceNetworkIdentifier=sn["id"], serviceIdentifier=svc["id"])
        seen["cliAssociate"] = cli(account, "vpc-lattice", "create-service-network-service-association", "--service-network-identifier", sn["id"], "--service-identifier", svc["id"])
        tg = lattice.create_target_group(name="cli-creating-tg", type="LAMBDA")
        seen["tg"] = tg["id"]
        seen["listenerToCreatingTg"] = error_of(lattice.create_listener, serviceIdentifier=svc["id"], name="http", protocol="HTTP", port=80, defaultAction=forward(tg["id"]))
        gateway = lattice.create_resource_gateway(name="cli-creating-gw", vpcIdentifier=INVENTORY["vpcId"], subnetIds=[INVENTORY["subnetId"]], securityGroupIds=[INVENTORY["securityGroupId"]])
        rcfg = lattice.create_resource_configuration(
            name="cli-creating-db",
            type="SINGLE",
            resourceGatewayIdentifier=gateway["id"],
            portRanges=["5432"],
            protocol="TCP",
            resourceConfigurationDefinition={"ipResource": {"ipAddress": "10.0.1.9"}},
        )
        seen["rcfg"] = rcfg["id"]
        seen["associateCreatingRcfg"] = error_of(lattice.create_service_network_resource_association, serviceNetworkIdentifier=sn["id"], resourceConfigurationIdentifier=rcfg["arn"])
    finally:
        set_activation_delay(0)

    first = lattice.create_service_network(name="cli-first-net")
    second = lattice.create_service_network(name="cli-second-net")
    lattice.create_service_network_vpc_association(serviceNetworkIdentifier=first["id"], vpcIdentifier=INVENTORY["vpcId"])
    seen["first"] = first["id"]
    seen["secondVpcAssociation"] = error_of(lattice.create_service_network_vpc_association, serviceNetworkIdentifier=second["id"], vpcIdentifier=INVENTORY["vpcId"])
    seen["deleteNetworkWithVpc"] = cli(account, "vpc-lattice", "delete-service-network", "--service-network-identifier", first["id"])

    seen["notFound"] = error_of(lattice.get_service, serviceIdentifier="svc-0123456789abcdef0")
    seen["badName"] = error_of(lattice.create_service, name="Not_A_Valid_Name")

    # Auth policies: one line is accepted; the same policy with newlines (as a file, the way the
    # CLI reads one) is refused.
    document = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "vpc-lattice-svcs:Invoke", "Resource": "*"}]}
    seen["oneLinePolicy"] = lattice.put_auth_policy(resourceIdentifier=second["id"], policy=json.dumps(document))["state"]
    seen["boto3NewlinePolicy"] = error_of(lattice.put_auth_policy, resourceIdentifier=second["id"], policy=json.dumps(document, indent=2))
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(document, f, indent=2)
    try:
        seen["cliNewlinePolicy"] = cli(account, "vpc-lattice", "put-auth-policy", "--resource-identifier", second["id"], "--policy", f"file://{f.name}")
    finally:
        os.unlink(f.name)

    # Tags of another account's network: shared with the caller → 403; not shared → 404.
    shared = lattice.create_service_network(name="cli-shared-net", tags={"team": "network"})
    ram = client("ram", account)
    share = ram.create_resource_share(name="cli-share", resourceArns=[shared["arn"]], principals=[other])["resourceShare"]
    consumer_ram = client("ram", other)
    invitations = consumer_ram.get_resource_share_invitations(resourceShareArns=[share["resourceShareArn"]])["resourceShareInvitations"]
    for invitation in invitations:
        consumer_ram.accept_resource_share_invitation(resourceShareInvitationArn=invitation["resourceShareInvitationArn"])
    consumer = client("vpc-lattice", other)
    seen["consumerSees"] = [n["arn"] for n in consumer.list_service_networks()["items"]]
    seen["sharedArn"] = shared["arn"]
    seen["tagsShared"] = error_of(consumer.list_tags_for_resource, resourceArn=shared["arn"])
    seen["tagsUnshared"] = error_of(consumer.list_tags_for_resource, resourceArn=second["arn"])
    seen["tagsOwn"] = lattice.list_tags_for_resource(resourceArn=shared["arn"])["tags"]
    return seen


def ec2():
    """VPC endpoint states and filters as EC2 spells them, zones, and actions outside the subset."""
    account = INVENTORY["account"]
    ec2 = client("ec2", account)
    lattice = client("vpc-lattice", account)
    seen = {"zones": [[z["ZoneName"], z["ZoneId"]] for z in ec2.describe_availability_zones()["AvailabilityZones"]]}
    sn = lattice.create_service_network(name="cli-endpoint-net")
    ready = ec2.create_vpc_endpoint(VpcEndpointType="ServiceNetwork", VpcId=INVENTORY["vpcId"], ServiceNetworkArn=sn["arn"], SubnetIds=[INVENTORY["subnetId"]])["VpcEndpoint"]
    set_activation_delay(3_600_000)
    try:
        waiting = ec2.create_vpc_endpoint(VpcEndpointType="ServiceNetwork", VpcId=INVENTORY["vpcId"], ServiceNetworkArn=sn["arn"], SubnetIds=[INVENTORY["subnetId"]])["VpcEndpoint"]
    finally:
        set_activation_delay(0)
    seen["states"] = [ready["State"], waiting["State"]]

    def by_state(*values):
        found = ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-endpoint-state", "Values": list(values)}])["VpcEndpoints"]
        return sorted(e["VpcEndpointId"] for e in found)

    seen["ids"] = {"ready": ready["VpcEndpointId"], "waiting": waiting["VpcEndpointId"]}
    seen["filtered"] = {
        "available": by_state("available"),
        "pending": by_state("pending"),
        "Available": by_state("Available"),
        "avail*": by_state("avail*"),
        "both": by_state("available", "pending"),
    }
    seen["typeAndState"] = len(
        ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-endpoint-type", "Values": ["ServiceNetwork"]}, {"Name": "vpc-endpoint-state", "Values": ["pending"]}])["VpcEndpoints"]
    )
    seen["unknownFilter"] = error_of(ec2.describe_vpc_endpoints, Filters=[{"Name": "colour", "Values": ["blue"]}])
    seen["cliStates"] = cli(account, "ec2", "describe-vpc-endpoints", "--filters", "Name=vpc-endpoint-state,Values=available", "--query", "VpcEndpoints[].State")["out"]
    seen["unimplemented"] = error_of(ec2.create_transit_gateway)
    seen["cliUnimplemented"] = cli(account, "ec2", "create-transit-gateway")
    notAction = raw_ec2(account, "FrobnicateWidgets")
    seen["notAnAction"] = {"status": notAction["status"], "code": re.search(r"<Code>(.*?)</Code>", notAction["body"]).group(1), "message": re.search(r"<Message>(.*?)</Message>", notAction["body"]).group(1)}
    return seen


def tagging():
    """GetResources through boto3's paginator and the CLI: type and tag filters, pages of two, a bad type."""
    account = INVENTORY["account"]
    lattice = client("vpc-lattice", account)
    arns = {}
    for i in range(5):
        arns[f"svc{i}"] = lattice.create_service(name=f"tagged-{i}", tags={"team": "orders" if i % 2 else "payments"})["arn"]
    lattice.create_service(name="tagged-none")
    arns["tg"] = lattice.create_target_group(name="tagged-lambdas", type="LAMBDA", tags={"team": "orders"})["arn"]
    tagging = client("resourcegroupstaggingapi", account)
    pages = list(tagging.get_paginator("get_resources").paginate(ResourceTypeFilters=["vpc-lattice:service"], ResourcesPerPage=2))
    seen = {"arns": arns}
    seen["boto3Pages"] = [[m["ResourceARN"] for m in p["ResourceTagMappingList"]] for p in pages]
    seen["boto3Tags"] = {m["ResourceARN"]: {t["Key"]: t["Value"] for t in m["Tags"]} for p in pages for m in p["ResourceTagMappingList"]}
    orders = cli(account, "resourcegroupstaggingapi", "get-resources", "--tag-filters", "Key=team,Values=orders", "--resource-type-filters", "vpc-lattice:service", "vpc-lattice:targetgroup")
    seen["cliOrders"] = sorted(m["ResourceARN"] for m in orders["out"]["ResourceTagMappingList"])
    seen["badType"] = error_of(tagging.get_resources, ResourceTypeFilters=["vpc-lattice:nonsense"])
    return seen


GROUPS = {"recipe": recipe, "pagination": pagination, "conflicts": conflicts, "ec2": ec2, "tagging": tagging}

if __name__ == "__main__":
    print(json.dumps(GROUPS[sys.argv[1]](), default=str))

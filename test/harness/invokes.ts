// Provider function calls (invokes) answered under the mocks: `npm run demo -- DIR` runs a program without a cloud,
// but public programs look things up before they create anything (availability zones, the default VPC, an AMI, an
// SSM parameter, an IAM policy document). Each row answers one invoke token the way the provider would for a
// plausible account, from the provider's schema (the output property names are the SDK's), and says why the answer is
// realistic. The answers only have to let the program go on to register its resources: none of them is read by a
// policy, which judges what the program creates.
//
// An invoke not in this table is answered with an empty result, the same placeholder the Pulumi runtime itself
// returns for an invoke whose inputs are unknown at preview (runtime/invoke.js: `result: {}, isKnown: false`), and the
// program's verdict carries a note that its result may depend on it (program.ts, demo.ts).

type Inputs = Record<string, unknown>;

export interface InvokeRow {
    token: string;
    /** Why the answer is what the provider would return. */
    why: string;
    answer(inputs: Inputs): Record<string, unknown>;
}

/** AWS's documentation account ID and region; the rest of the AWS answers are consistent with them. */
const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const SUBNETS = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"];
const AMI = "ami-0abcdef1234567890";
const ECS_AMI = "ami-0fedcba9876543210";
/** Azure's documented all-zero GUIDs. */
const AZURE_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
const AZURE_TENANT = "11111111-1111-1111-1111-111111111111";
const GCP_PROJECT = "my-project-123456";

const str = (v: unknown, fallback: string) => (typeof v === "string" && v !== "" ? v : fallback);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** The value of the first filter named `name` (`[{ name, values }]`), as `getAmi`/`getVpc` filters take them. */
function filterValue(inputs: Inputs, name: string): string | undefined {
    const f = list(inputs.filters).find((x) => (x as { name?: unknown })?.name === name) as
        { values?: unknown[] } | undefined;
    const v = f?.values?.[0];
    return typeof v === "string" ? v : undefined;
}

/** An SSM parameter's value: the public `/aws/service/...` AMI parameters hold an AMI ID (or, `recommended`, JSON). */
function ssmValue(name: string): string {
    if (/\/aws\/service\/ecs\/optimized-ami\/.*\/recommended$/.test(name))
        return JSON.stringify({
            image_id: ECS_AMI,
            image_name: "al2023-ami-ecs-hvm-2023.0.20241010-kernel-6.1-x86_64",
            ecs_agent_version: "1.87.0",
            os: "Amazon Linux 2023",
            schema_version: 1,
        });
    if (/\/aws\/service\/ecs\/optimized-ami\//.test(name)) return ECS_AMI;
    if (/\/aws\/service\/(ami-|canonical|debian|bottlerocket|eks)/.test(name)) return AMI;
    return "example-value";
}

/** What `aws.iam.getPolicyDocument` renders from its statements: the IAM JSON policy the provider builds. */
function policyDocument(inputs: Inputs): Record<string, unknown> {
    const one = (xs: unknown) => {
        const l = list(xs);
        return l.length === 1 ? l[0] : l;
    };
    const statements = list(inputs.statements).map((s) => {
        const st = s as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        if (st.sid) out.Sid = st.sid;
        out.Effect = str(st.effect, "Allow");
        if (st.actions) out.Action = one(st.actions);
        if (st.notActions) out.NotAction = one(st.notActions);
        if (st.resources) out.Resource = one(st.resources);
        if (st.notResources) out.NotResource = one(st.notResources);
        for (const [key, field] of [
            ["Principal", "principals"],
            ["NotPrincipal", "notPrincipals"],
        ] as const)
            if (st[field]) {
                const p: Record<string, unknown> = {};
                for (const x of list(st[field]) as { type?: string; identifiers?: unknown }[])
                    p[str(x.type, "AWS")] = one(x.identifiers);
                out[key] = p;
            }
        if (st.conditions) {
            const c: Record<string, Record<string, unknown>> = {};
            for (const x of list(st.conditions) as { test?: string; variable?: string; values?: unknown }[])
                (c[str(x.test, "StringEquals")] ??= {})[str(x.variable, "aws:SourceAccount")] = one(x.values);
            out.Condition = c;
        }
        return out;
    });
    const doc = { Version: str(inputs.version, "2012-10-17"), Statement: statements };
    const json = JSON.stringify(doc, null, 2);
    return { id: String(json.length), json, minifiedJson: JSON.stringify(doc), statements: inputs.statements ?? [] };
}

export const INVOKE_TABLE: readonly InvokeRow[] = [
    // ---- AWS (@pulumi/aws) ----
    {
        token: "aws:index/getAvailabilityZones:getAvailabilityZones",
        why: "us-east-1's zone names and zone IDs as `aws ec2 describe-availability-zones` lists them for an account there",
        answer: () => ({
            id: REGION,
            names: ["us-east-1a", "us-east-1b", "us-east-1c"],
            zoneIds: ["use1-az1", "use1-az2", "use1-az4"],
            groupNames: [REGION],
            state: "available",
        }),
    },
    {
        token: "aws:index/getRegion:getRegion",
        why: "the provider's region (us-east-1, the default region of a new AWS CLI profile) with its EC2 endpoint",
        answer: () => ({
            id: REGION,
            name: REGION,
            region: REGION,
            endpoint: `ec2.${REGION}.amazonaws.com`,
            description: "US East (N. Virginia)",
        }),
    },
    {
        token: "aws:index/getCallerIdentity:getCallerIdentity",
        why: "AWS's documentation account 123456789012 and an IAM user ARN in it, the shape STS GetCallerIdentity returns",
        answer: () => ({
            id: ACCOUNT,
            accountId: ACCOUNT,
            arn: `arn:aws:iam::${ACCOUNT}:user/pulumi`,
            userId: "AIDASAMPLEUSERID12345",
        }),
    },
    {
        token: "aws:index/getPartition:getPartition",
        why: "the commercial partition every standard region is in",
        answer: () => ({ id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" }),
    },
    {
        token: "aws:ec2/getAmi:getAmi",
        why: "one image matching the filter (its name pattern echoed), owned as asked, HVM on EBS as current Amazon Linux is",
        answer: (inputs) => {
            const name = filterValue(inputs, "name") ?? "al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64";
            const ecs = /ecs/i.test(name);
            const id = ecs ? ECS_AMI : AMI;
            return {
                id,
                imageId: id,
                arn: `arn:aws:ec2:${REGION}::image/${id}`,
                name: name.replace(/\*/g, "2023.0.20241010"),
                architecture: filterValue(inputs, "architecture") ?? "x86_64",
                ownerId: str(list(inputs.owners)[0], "137112412989").replace(/^amazon$/, "137112412989"),
                owners: list(inputs.owners),
                rootDeviceName: "/dev/xvda",
                rootDeviceType: "ebs",
                virtualizationType: "hvm",
                state: "available",
                public: true,
            };
        },
    },
    {
        token: "aws:ec2/getVpc:getVpc",
        why: "a default VPC: AWS creates every account's with CIDR 172.31.0.0/16 in each region",
        answer: () => ({
            id: "vpc-0a1b2c3d4e5f60000",
            arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/vpc-0a1b2c3d4e5f60000`,
            cidrBlock: "172.31.0.0/16",
            default: true,
            enableDnsHostnames: true,
            enableDnsSupport: true,
            instanceTenancy: "default",
            ownerId: ACCOUNT,
            state: "available",
        }),
    },
    {
        token: "aws:ec2/getSubnets:getSubnets",
        why: "one default subnet per availability zone, as a default VPC has them",
        answer: (inputs) => ({ id: REGION, ids: SUBNETS, filters: inputs.filters ?? [], tags: inputs.tags ?? {} }),
    },
    {
        token: "aws:ec2/getSubnet:getSubnet",
        why: "the default VPC's first default subnet (172.31.0.0/20 in us-east-1a, public IPs on launch)",
        answer: () => ({
            id: SUBNETS[0],
            availabilityZone: "us-east-1a",
            cidrBlock: "172.31.0.0/20",
            vpcId: "vpc-0a1b2c3d4e5f60000",
            defaultForAz: true,
            mapPublicIpOnLaunch: true,
        }),
    },
    {
        token: "aws:ec2/getSecurityGroup:getSecurityGroup",
        why: "the default VPC's `default` security group, which every VPC has",
        answer: (inputs) => ({
            id: "sg-0a1b2c3d4e5f60000",
            name: str(inputs.name, "default"),
            vpcId: "vpc-0a1b2c3d4e5f60000",
            arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/sg-0a1b2c3d4e5f60000`,
        }),
    },
    {
        token: "aws:ssm/getParameter:getParameter",
        why: "the public /aws/service/... AMI parameters hold an AMI ID (the ECS `recommended` one a JSON document with image_id), a String parameter at version 1",
        answer: (inputs) => {
            const name = str(inputs.name, "/example/parameter");
            const value = ssmValue(name);
            return {
                id: name,
                name,
                arn: `arn:aws:ssm:${REGION}::parameter${name.startsWith("/") ? "" : "/"}${name}`,
                type: "String",
                value,
                insecureValue: value,
                version: 1,
                withDecryption: inputs.withDecryption ?? true,
            };
        },
    },
    {
        token: "aws:iam/getPolicyDocument:getPolicyDocument",
        why: "computed from the statements as the provider does (IAM JSON: Effect defaults to Allow, single values unwrapped)",
        answer: policyDocument,
    },
    {
        token: "aws:ecr/getAuthorizationToken:getAuthorizationToken",
        why: "ECR's login: user AWS and a registry endpoint in the documentation account, as programs building images use it",
        answer: () => ({
            id: REGION,
            userName: "AWS",
            password: "example-ecr-password",
            authorizationToken: Buffer.from("AWS:example-ecr-password").toString("base64"),
            proxyEndpoint: `https://${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`,
            expiresAt: "2030-01-01T00:00:00Z",
        }),
    },
    // ---- Google Cloud (@pulumi/gcp) ----
    {
        token: "gcp:compute/getZones:getZones",
        why: "us-central1's four zones (a, b, c, f), the region Google's quickstarts use",
        answer: (inputs) => {
            const region = str(inputs.region, "us-central1");
            return {
                id: `projects/${GCP_PROJECT}/regions/${region}`,
                names: ["a", "b", "c", "f"].map((z) => `${region}-${z}`),
                project: str(inputs.project, GCP_PROJECT),
                region,
            };
        },
    },
    {
        token: "gcp:organizations/getProject:getProject",
        why: "a project ID in Google's format (name-number) with a 12-digit project number",
        answer: (inputs) => {
            const projectId = str(inputs.projectId, GCP_PROJECT);
            return {
                id: `projects/${projectId}`,
                projectId,
                name: projectId,
                number: "123456789012",
                orgId: "123456789",
                labels: {},
            };
        },
    },
    {
        token: "gcp:organizations/getClientConfig:getClientConfig",
        why: "the provider's configured project, region and zone, with an OAuth access token's shape",
        answer: () => ({
            id: `projects/${GCP_PROJECT}/regions/us-central1/zones/us-central1-a`,
            project: GCP_PROJECT,
            region: "us-central1",
            zone: "us-central1-a",
            accessToken: "ya29.example-access-token",
        }),
    },
    {
        token: "gcp:compute/getImage:getImage",
        why: "the newest image of the asked family in the asked image project (debian-12 in debian-cloud by default), with its self link",
        answer: (inputs) => {
            const family = str(inputs.family, "debian-12");
            const project = str(inputs.project, "debian-cloud");
            const name = str(inputs.name, `${family}-v20241009`);
            return {
                id: `projects/${project}/global/images/${name}`,
                name,
                family,
                project,
                selfLink: `https://www.googleapis.com/compute/v1/projects/${project}/global/images/${name}`,
                status: "READY",
                diskSizeGb: 10,
            };
        },
    },
    {
        token: "gcp:compute/getDefaultServiceAccount:getDefaultServiceAccount",
        why: "Compute Engine's default service account, named by project number as Google names it",
        answer: () => ({
            id: `projects/${GCP_PROJECT}/serviceAccounts/123456789012-compute@developer.gserviceaccount.com`,
            email: "123456789012-compute@developer.gserviceaccount.com",
            name: `projects/${GCP_PROJECT}/serviceAccounts/123456789012-compute@developer.gserviceaccount.com`,
            project: GCP_PROJECT,
            uniqueId: "112233445566778899000",
        }),
    },
    // ---- Azure (@pulumi/azure-native, @pulumi/azure) ----
    {
        token: "azure-native:resources:getResourceGroup",
        why: "the named resource group's ARM ID in the documented all-zero subscription, in westeurope, provisioned",
        answer: (inputs) => {
            const name = str(inputs.resourceGroupName, "example-rg");
            return {
                id: `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/${name}`,
                name,
                location: "westeurope",
                type: "Microsoft.Resources/resourceGroups",
                properties: { provisioningState: "Succeeded" },
                tags: {},
            };
        },
    },
    {
        token: "azure-native:authorization:getClientConfig",
        why: "the signed-in principal's client, object, subscription and tenant IDs: GUIDs as Azure issues them",
        answer: () => ({
            clientId: "22222222-2222-2222-2222-222222222222",
            objectId: "33333333-3333-3333-3333-333333333333",
            subscriptionId: AZURE_SUBSCRIPTION,
            tenantId: AZURE_TENANT,
        }),
    },
    {
        token: "azure-native:containerregistry:listRegistryCredentials",
        why: "an admin-enabled registry's user (the registry's name) and its two passwords, as ACI programs read them",
        answer: (inputs) => ({
            username: str(inputs.registryName, "exampleregistry"),
            passwords: [
                { name: "password", value: "example-password-1" },
                { name: "password2", value: "example-password-2" },
            ],
        }),
    },
    {
        token: "azure:core/getClientConfig:getClientConfig",
        why: "the classic provider's same principal and subscription (client, object, subscription, tenant IDs)",
        answer: () => ({
            id: "clientConfigs/example",
            clientId: "22222222-2222-2222-2222-222222222222",
            objectId: "33333333-3333-3333-3333-333333333333",
            subscriptionId: AZURE_SUBSCRIPTION,
            tenantId: AZURE_TENANT,
        }),
    },
];

const BY_TOKEN = new Map(INVOKE_TABLE.map((row) => [row.token, row]));

/** The table's answer to an invoke, or undefined when the token is not in the table. */
export function answerInvoke(token: string, inputs: Inputs): Record<string, unknown> | undefined {
    return BY_TOKEN.get(token)?.answer(inputs);
}

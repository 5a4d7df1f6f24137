import { createLambdaFunction } from "@probot/adapter-aws-lambda-serverless";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context, LambdaFunctionURLEvent } from "aws-lambda";
import { createProbot, type Probot } from "probot";
import { createApp } from "./index.js";

type LambdaEvent = APIGatewayProxyEvent | LambdaFunctionURLEvent;
type LambdaHandler = (event: LambdaEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * The app as an AWS Lambda function behind API Gateway (or a function URL). A function lives only
 * while it answers, so the in-process sweep is off: the scheduled workflow
 * (templates/workflows/ims-sweep.yml) sends `repository_dispatch` `ims-sweep`, which this handles.
 */
export function createHandler(probot: Probot): LambdaHandler {
  const receive = createLambdaFunction(createApp({ sweep: false, queue: false }), { probot }) as unknown as LambdaHandler;
  // adapter 4.0.3 was written for probot 13, where load() and webhooks were ready at once; in
  // probot 14 both wait for initialisation, and the adapter does not await its load(): wait for
  // it, then one macrotask so that the load's continuation has registered the handlers
  const loaded = probot.ready().then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  return async (event, context) => {
    await loaded;
    // API Gateway hands binary-safe bodies base64-encoded; the signature is over the bytes GitHub sent
    const body = event.isBase64Encoded && event.body ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
    try {
      return await receive({ ...event, body, isBase64Encoded: false } as LambdaEvent, context);
    } catch (error) {
      // a wrong signature is the sender's fault: answer 400 rather than fail the invocation (a 502)
      const status = (error as { status?: number }).status ?? (error as { errors?: Array<{ status?: number }> }).errors?.[0]?.status;
      if (status === 400 || /signature/i.test(String((error as Error).message))) {
        return { statusCode: 400, body: JSON.stringify({ error: "signature does not match event payload and secret" }) };
      }
      throw error;
    }
  };
}

let handle: LambdaHandler | undefined;

/** The Lambda entry point (`lib/lambda.handler`): Probot reads APP_ID, PRIVATE_KEY and WEBHOOK_SECRET from the environment. */
export const handler: LambdaHandler = (event, context) => (handle ??= createHandler(createProbot()))(event, context);

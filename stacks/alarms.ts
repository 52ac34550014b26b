import { api } from "./api";
import { table } from "./database";
import { checkInReminders } from "./reminders";
import { retentionSweep } from "./retention";

/**
 * Alarms, to an SNS topic: the one given as a setting (`ONEDOOR_ALARM_TOPIC_ARN=arn:aws:sns:…
 * npx sst deploy`), or one made here, whose ARN the deploy prints, for the team to subscribe to.
 * Each says what broke and nothing of anyone's request: the log lines they count hold no
 * personal data (functions/log.ts).
 */
const topicArn = process.env.ONEDOOR_ALARM_TOPIC_ARN || new sst.aws.SnsTopic("Alarms").arn;

const FIVE_MINUTES = 300;
const DAY = 86_400;

/** An alarm when a sum over a period reaches a threshold; no data is not a problem. */
function alarm(name: string, description: string, metric: { namespace: string; metricName: string; dimensions?: Record<string, $util.Input<string>> }, threshold: number, period = FIVE_MINUTES) {
  return new aws.cloudwatch.MetricAlarm(name, {
    alarmDescription: `OneDoor: ${description}`,
    namespace: metric.namespace,
    metricName: metric.metricName,
    dimensions: metric.dimensions,
    statistic: "Sum",
    period,
    evaluationPeriods: 1,
    threshold,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    treatMissingData: "notBreaching",
    alarmActions: [topicArn],
    okActions: [topicArn],
  });
}

// The API answers errors itself (a 500 is a response, not a Lambda error), so its 5xx are
// counted from its own JSON request log lines.
const apiLogGroup = api.nodes.logGroup.apply((group) => group!.name);
new aws.cloudwatch.LogMetricFilter("ApiServerErrors", {
  logGroupName: apiLogGroup,
  pattern: '{ $.event = "request" && $.status >= 500 }',
  metricTransformation: { name: "ApiServerErrors", namespace: "OneDoor", value: "1", defaultValue: "0" },
});
alarm("ApiServerErrorsAlarm", "the API answered 5 or more requests with a server error in 5 minutes", { namespace: "OneDoor", metricName: "ApiServerErrors" }, 5);

const functions = { Api: api.nodes.function.name, RetentionSweep: retentionSweep.nodes.function.name, CheckInReminders: checkInReminders.nodes.function.name };
for (const [name, functionName] of Object.entries(functions)) {
  alarm(`${name}ErrorsAlarm`, `${name} failed`, { namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: functionName } }, 1, name === "Api" ? FIVE_MINUTES : DAY);
  alarm(`${name}ThrottlesAlarm`, `${name} was throttled`, { namespace: "AWS/Lambda", metricName: "Throttles", dimensions: { FunctionName: functionName } }, 1);
}

for (const metricName of ["ReadThrottleEvents", "WriteThrottleEvents"]) {
  alarm(`Table${metricName}Alarm`, `DynamoDB ${metricName === "ReadThrottleEvents" ? "read" : "write"} throttling`, { namespace: "AWS/DynamoDB", metricName, dimensions: { TableName: table.name } }, 1);
}

export const alarmTopicArn = topicArn;

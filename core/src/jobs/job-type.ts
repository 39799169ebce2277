import { z } from "zod";
import type { EnqueueInput, Job, JobQueue } from "./job.ts";
import type { JobContext } from "./job-worker.ts";
import { PermanentJobError } from "./permanent-job-error.ts";

/**
 * A job the worker runs: the schema its stored payload must match, and what to do with it. The
 * worker checks the payload before `run`, so a handler never works on a row that someone's older
 * code or a hand edit left in another shape. `run` is declared as a method so a definition of a
 * narrower payload still fits a record of definitions.
 */
export interface JobDefinition<P = unknown> {
  payload: z.ZodType<P>;
  run(payload: P, ctx: JobContext): Promise<void>;
}

/** What `JobType.enqueue` takes: an enqueue input whose payload is the job type's own. */
export type TypedEnqueueInput<P> = Omit<EnqueueInput, "type" | "payload"> & { payload: P };

/**
 * One job type: its name and payload schema, shared by whoever enqueues it and whoever runs it.
 * Enqueueing checks the payload too, so a malformed job fails where it is made (with the caller on
 * the stack), not attempts later in a worker.
 */
export interface JobType<S extends z.ZodType> {
  readonly type: string;
  readonly payload: S;
  enqueue(queue: Pick<JobQueue, "enqueue">, input: TypedEnqueueInput<z.input<S>>): Promise<Job>;
  /** The checked enqueue input, for code that hands it to `enqueue` itself (inside its own transaction). */
  input(input: TypedEnqueueInput<z.input<S>>): EnqueueInput;
  /** The job's handler, checked against this type's payload by the worker. */
  define(run: (payload: z.output<S>, ctx: JobContext) => Promise<void>): JobDefinition<z.output<S>>;
  /** A stored job's payload when it is of this type and well formed; undefined otherwise. */
  read(job: Pick<Job, "type" | "payload"> | null | undefined): z.output<S> | undefined;
}

export function jobType<S extends z.ZodType>(type: string, schema: S): JobType<S> {
  const input = (given: TypedEnqueueInput<z.input<S>>): EnqueueInput => ({
    ...given,
    type,
    payload: checkPayload(type, schema, given.payload),
  });
  return {
    type,
    payload: schema,
    input,
    async enqueue(queue, given) {
      return queue.enqueue(input(given));
    },
    define(run) {
      // A schema is a ZodType of its own output; TypeScript does not see that of a generic S.
      return { payload: schema as z.ZodType<z.output<S>>, run };
    },
    read(job) {
      if (job?.type !== type) return undefined;
      const parsed = schema.safeParse(job.payload);
      return parsed.success ? parsed.data : undefined;
    },
  };
}

/**
 * The payload as it will be stored. Validated, but stored as given (not the parsed copy): the queue
 * files a job under `payload.tenantId` and `payload.paymentLinkId`, and a schema must not be able
 * to drop them by omission.
 */
function checkPayload(type: string, schema: z.ZodType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidJobPayloadError(type, parsed.error);
  return value;
}

/**
 * A payload that does not match its job type's schema. Permanent: running the job again reads the
 * same stored payload, so only an operator (who can read this message in the job's last error) can
 * help.
 */
export class InvalidJobPayloadError extends PermanentJobError {
  override name = "InvalidJobPayloadError";
  constructor(type: string, error: z.ZodError) {
    super(`payload of a ${type} job does not match its schema: ${z.prettifyError(error)}`);
  }
}

/** A worker handler is either a bare function (tests, one-off tools) or a checked definition. */
export function isJobDefinition(value: unknown): value is JobDefinition {
  return typeof value === "object" && value !== null && "payload" in value && "run" in value;
}

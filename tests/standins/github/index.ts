// The GitHub stand-in for tests: a loopback REST API checked against GitHub's OpenAPI description, the
// Actions results service and blob storage that @actions/artifact uploads to, with state helpers and faults.
export { startGitHubStandIn, type GitHubStandIn, type StandInOptions } from './standin.ts';
export {
  badGateway,
  bodyTooLong,
  commentTooLongBody,
  lostResponse,
  secondaryRateLimit,
  type ArmedFault,
  type FaultMatcher,
  type FaultSpec,
} from './faults.ts';
export { runtimeToken, backendIdsOf, type BackendIds } from './jwt.ts';
export { readZip, readZipText, writeZip } from './zip.ts';
export { COMMENT_LIMIT } from './routes/comments.ts';
export { ACTIONS_BOT } from './state.ts';
export type { ArtifactSeed, CommentSeed, IssueSeed, PullSeed, RunSeed } from './seed.ts';
export type { RecordedRequest } from './server.ts';
export type { Violation } from './rest.ts';

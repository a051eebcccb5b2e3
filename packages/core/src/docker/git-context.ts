import type { GitHubContext } from '../runner/environment.ts';

/**
 * What tags and labels are computed from: the part of the run's GitHub context (runner/environment) that
 * describes the commit and the repository.
 */
export type GitContext = Pick<GitHubContext, 'eventName' | 'ref' | 'sha' | 'repository' | 'repositoryUrl'> &
  Partial<Pick<GitHubContext, 'defaultBranch' | 'description' | 'license'>>;

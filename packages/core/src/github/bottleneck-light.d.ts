// bottleneck's light build (what @octokit/plugin-throttling imports) has the same API as the full one, whose
// declarations the package ships only for its main entry.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}

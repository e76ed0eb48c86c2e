export { SERVICES } from './services';
export { allProjections, followersOf, serviceForPath, serviceNamed } from './lookups';

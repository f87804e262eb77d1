import packageJson from '../../package.json';

export const LOOKOUT_VERSION: string = packageJson.version;

export { apiClient, type ApiCall } from './src/demo/apiClient';
export { DEMO_ACCOUNT_ID, DEMO_MESSAGES, DEMO_ORG } from './src/demo/demoHousehold';
export { seedDemo } from './src/demo/seedDemo';
export { NEW_MESSAGE, printableWalkthrough, runWalkthrough } from './src/demo/walkthrough';

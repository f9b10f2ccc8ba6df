export { default } from '../datakit.config.js';

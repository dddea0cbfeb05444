// Prints the README's configuration table from lib/config (the one list of variables).
import { configTableMarkdown } from '../lib/config';

console.log(configTableMarkdown());

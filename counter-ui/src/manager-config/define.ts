/** Entry of the /manager/config page. */
import './manager-config.js';

/** Entry of the /manager/ page. */
import './manager-dashboard.js';

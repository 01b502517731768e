/** Entry of the /manager/reports page. */
import './manager-reports.js';

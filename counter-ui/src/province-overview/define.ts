/** Entry of the /manager/province page. */
import './province-overview.js';

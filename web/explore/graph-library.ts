// The graph library, in a file of its own that the page loads after its first paint.
import cytoscape from 'cytoscape';

export default cytoscape;

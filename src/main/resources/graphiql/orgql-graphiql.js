// Starts GraphiQL for orgql. Kept out of the HTML so the page's Content-Security-Policy can forbid inline scripts.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('orgql-graphiql-config').textContent);
  var token = new URLSearchParams(window.location.search).get('token');

  var httpFetcher = GraphiQL.createFetcher({ url: config.graphqlPath, enableIncrementalDelivery: false });
  // Introspection works without a token; leaving the header off it keeps the Docs panel and
  // autocompletion working even when the token in the editor has expired.
  function fetcher(params, options) {
    if (params && params.operationName === 'IntrospectionQuery' && options && options.headers) {
      var headers = Object.assign({}, options.headers);
      Object.keys(headers).forEach(function (name) {
        if (name.toLowerCase() === 'authorization') delete headers[name];
      });
      options = Object.assign({}, options, { headers: headers });
    }
    return httpFetcher(params, options);
  }

  var props = {
    fetcher: fetcher,
    defaultQuery: config.defaultQuery,
    isHeadersEditorEnabled: true,
    defaultEditorToolsVisibility: 'headers'
  };
  if (token) {
    // A token in the address (/graphiql?token=<jwt>, as the dev tokens page links) replaces whatever
    // headers an earlier visit left behind.
    props.headers = JSON.stringify({ Authorization: 'Bearer ' + token }, null, 2);
  }
  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, props));
})();

// The API reference at /api/docs: Swagger UI over the API's own description, with "Try it out" against this host.
window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, tryItOutEnabled: false });

"""A FAQ chatbot that answers questions about stem cell treatments for lupus with the article's own passages."""

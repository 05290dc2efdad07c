package org.budgetledger.projection.web;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Cell keys contain '/': an audit URL may carry them encoded (%2F) in one path segment. Tomcat refuses encoded
 * slashes by default; here they pass through undecoded, so the segment matches {cellKey} and is decoded there.
 */
@Component
public class EncodedSlashes implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling("passthrough"));
    }
}

package org.budgetledger.kit.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.budgetledger.kit.BoundedShutdown;
import org.budgetledger.kit.health.Divergences;
import org.budgetledger.kit.health.StoreHealth;
import org.budgetledger.kit.security.AccessRules;
import org.budgetledger.kit.security.SecurityProperties;
import org.budgetledger.kit.security.ServiceSecurity;
import org.budgetledger.kit.web.RequestSizeLimit;
import org.budgetledger.kit.web.UnhandledErrors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.data.mongo.MongoHealthContributorAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** What both services get alike: access control, request size limits, the store's health, Kafka retries. */
@AutoConfiguration(before = MongoHealthContributorAutoConfiguration.class)
@EnableConfigurationProperties(SecurityProperties.class)
@Import(ServiceSecurity.class)
public class KitAutoConfiguration {

    /** Every Kafka client authenticates as this service's principal (a BeanPostProcessor: static, bound early). */
    @Bean
    static org.budgetledger.kit.kafka.KafkaClientSecurity kafkaClientSecurity(
            org.springframework.core.env.Environment environment) {
        var credentials = org.springframework.boot.context.properties.bind.Binder.get(environment)
                .bind("budgetledger.kafka", org.budgetledger.kit.kafka.KafkaCredentials.class)
                .orElseGet(() -> new org.budgetledger.kit.kafka.KafkaCredentials(null, null, null, null, false));
        return new org.budgetledger.kit.kafka.KafkaClientSecurity(credentials);
    }

    @Bean("mongoHealthIndicator")
    StoreHealth mongoHealthIndicator(MongoDatabaseFactory databases) {
        return new StoreHealth(databases);
    }

    /** Where a copy of a ledger's history was found to differ from the store (health "divergences"). */
    @Bean("divergencesHealthIndicator")
    Divergences divergences(MeterRegistry meters) {
        return new Divergences(meters, Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(SecurityProperties properties) {
        FilterRegistrationBean<RequestSizeLimit> registration =
                new FilterRegistrationBean<>(new RequestSizeLimit(properties.maxRequestBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * A poll that fails (store or broker unavailable, a gap that cannot be filled yet) is retried without end and
     * without committing: nothing is dropped because a dependency was briefly away. Invalid input never throws;
     * it is parked (the ledger's DLQ).
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler retryForever() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }

    /**
     * The driver's default waits 30 s for an unreachable store; a caller is better served by a quick 503 it can retry,
     * and consumers retry on their own anyway.
     */
    @Bean
    MongoClientSettingsBuilderCustomizer storeTimeout(
            @Value("${budgetledger.store.server-selection-timeout:10s}") Duration timeout) {
        return settings -> settings.applyToClusterSettings(
                cluster -> cluster.serverSelectionTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** SIGTERM to exit within this, broker and store or not (BoundedShutdown). */
    @Bean
    BoundedShutdown boundedShutdown(@Value("${budgetledger.shutdown.max:7s}") Duration max) {
        return new BoundedShutdown(max);
    }

    @Bean
    UnhandledErrors unhandledErrors() {
        return new UnhandledErrors();
    }

    /** Security schemes and error answers in the OpenAPI document (springdoc picks every OpenApiCustomizer up). */
    @Bean
    org.budgetledger.kit.openapi.OpenApiContract openApiContract(
            @Value("${spring.application.name}") String service,
            @Value("${budgetledger.openapi.description:}") String description) {
        return new org.budgetledger.kit.openapi.OpenApiContract(service, description);
    }

    /** The caller's unit scope, walked along the service's own unit tree (none: a scope covers its own unit only). */
    @Bean
    org.budgetledger.kit.scope.UnitScopes unitScopes(
            org.springframework.beans.factory.ObjectProvider<org.budgetledger.kit.scope.UnitTree> tree) {
        return new org.budgetledger.kit.scope.UnitScopes(
                tree.getIfAvailable(() -> (unit, year) -> java.util.Optional.empty()));
    }

    /** Every endpoint of ours passes the scope check before it runs (ScopeInterceptor). */
    @Bean
    org.springframework.web.servlet.config.annotation.WebMvcConfigurer unitScopeCheck(
            org.budgetledger.kit.scope.UnitScopes scopes) {
        return new org.springframework.web.servlet.config.annotation.WebMvcConfigurer() {
            @Override
            public void addInterceptors(
                    org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
                registry.addInterceptor(new org.budgetledger.kit.scope.ScopeInterceptor(scopes));
            }
        };
    }

    /**
     * The issued keys as this instance knows them: how many, and how long ago it read them (past 8 s it refuses them
     * all; alert BudgetLedgerIssuedKeysStale).
     */
    @Bean
    io.micrometer.core.instrument.binder.MeterBinder issuedKeyMeters(
            org.budgetledger.kit.security.ApiKeys keys, SecurityProperties properties) {
        return meters -> {
            if (!properties.enabled()) {
                return;
            }
            io.micrometer.core.instrument.Gauge.builder("budgetledger.issued.keys", keys, k -> k.issuedCount())
                    .description("API keys issued through /api/v1/admin/keys and active, as last read")
                    .register(meters);
            io.micrometer.core.instrument.Gauge.builder(
                            "budgetledger.issued.keys.age",
                            keys,
                            org.budgetledger.kit.security.ApiKeys::issuedAgeSeconds)
                    .baseUnit("seconds")
                    .description("Since the issued keys were last read; beyond 8 s they are all refused")
                    .register(meters);
        };
    }

    /** A service without rules of its own lets every role read and nothing else. */
    @Bean
    @ConditionalOnMissingBean
    AccessRules accessRules() {
        return rules -> {};
    }
}

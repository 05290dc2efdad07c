{{/*
Names and labels of the budget-ledger chart. The two services are the "components" `ledger` and `projection`;
their values live under .Values.ledger and .Values.projection.
*/}}

{{/* Chart name, or nameOverride. */}}
{{- define "budget-ledger.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release-chart (the release name alone when it already holds the chart name), or fullnameOverride. */}}
{{- define "budget-ledger.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* chart-version, for the helm.sh/chart label. */}}
{{- define "budget-ledger.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of a component's objects: (dict "root" $ "component" "ledger") -> <fullname>-ledger */}}
{{- define "budget-ledger.componentName" -}}
{{- printf "%s-%s" (include "budget-ledger.fullname" .root | trunc 52 | trimSuffix "-") .component }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "budget-ledger.labels" -}}
helm.sh/chart: {{ include "budget-ledger.chart" . }}
{{ include "budget-ledger.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: budget-ledger
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Labels that select the release's pods. */}}
{{- define "budget-ledger.selectorLabels" -}}
app.kubernetes.io/name: {{ include "budget-ledger.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of a component's objects: (dict "root" $ "component" "ledger") */}}
{{- define "budget-ledger.componentLabels" -}}
{{ include "budget-ledger.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Labels that select a component's pods: (dict "root" $ "component" "ledger") */}}
{{- define "budget-ledger.componentSelectorLabels" -}}
{{ include "budget-ledger.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* The service name each component's process calls itself (its Spring application name and `application` tag). */}}
{{- define "budget-ledger.applicationName" -}}
{{- if eq . "ledger" }}ledger-service{{ else }}projection-service{{ end }}
{{- end }}

{{/* ServiceAccount of the pods. */}}
{{- define "budget-ledger.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "budget-ledger.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* A component's image: (dict "root" $ "component" "ledger") */}}
{{- define "budget-ledger.image" -}}
{{- $image := (index .root.Values .component).image }}
{{- if $image.digest }}
{{- printf "%s@%s" $image.repository $image.digest }}
{{- else }}
{{- printf "%s:%s" $image.repository (default .root.Chart.AppVersion $image.tag | toString) }}
{{- end }}
{{- end }}

{{/*
Name of the existing Secret holding a component's MONGODB_URI: mongodb.<component>.existingSecret, else
mongodb.existingSecret; rendering fails when neither is set. (dict "root" $ "component" "ledger")
*/}}
{{- define "budget-ledger.mongodbSecret" -}}
{{- $mongo := .root.Values.mongodb }}
{{- $own := (index $mongo .component).existingSecret }}
{{- $app := include "budget-ledger.applicationName" .component }}
{{- $key := (index $mongo .component).uriKey }}
{{- $message := printf "mongodb.existingSecret is required: name an existing Secret holding %s's MONGODB_URI (a replica-set connection string with its credentials) under the key %q, e.g. kubectl create secret generic budget-ledger-mongodb --from-literal=%s='mongodb://…/%s?replicaSet=rs0' (or set mongodb.%s.existingSecret). The chart never holds the URI itself." $app $key $key (ternary "ledger" "projection" (eq .component "ledger")) .component }}
{{- if $own }}
{{- $own }}
{{- else }}
{{- required $message $mongo.existingSecret }}
{{- end }}
{{- end }}

{{/* LEDGER_SERVICE_URL of projection-service: projection.ledgerServiceUrl, else this release's ledger Service. */}}
{{- define "budget-ledger.ledgerServiceUrl" -}}
{{- if .Values.projection.ledgerServiceUrl }}
{{- .Values.projection.ledgerServiceUrl }}
{{- else }}
{{- printf "http://%s:%v" (include "budget-ledger.componentName" (dict "root" . "component" "ledger")) .Values.ledger.service.port }}
{{- end }}
{{- end }}

{{/* Label matchers of a component's scrape target in alert expressions: (dict "root" $ "component" "ledger") */}}
{{- define "budget-ledger.targetMatchers" -}}
namespace="{{ .root.Release.Namespace }}", job="{{ include "budget-ledger.componentName" . }}"
{{- end }}

{{/* "true" unless security.enabled is explicitly false (a false boolean, or the string "false" of --set-string). */}}
{{- define "budget-ledger.securityEnabled" -}}
{{- if eq (toString .Values.security.enabled) "false" }}false{{ else }}true{{ end }}
{{- end }}

{{/* Whether tokens of an identity provider are accepted: "true" or "". */}}
{{- define "budget-ledger.jwtConfigured" -}}
{{- if or .Values.security.jwt.issuerUri .Values.security.jwt.jwkSetUri }}true{{ end }}
{{- end }}

{{/*
Refuses to render when access control is on but nothing can authenticate: no Secret with API keys and no identity
provider would answer every request but health with 401. Renders nothing.
*/}}
{{- define "budget-ledger.requireAccess" -}}
{{- $sec := .Values.security }}
{{- if and (eq (include "budget-ledger.securityEnabled" .) "true") (not $sec.existingSecret) (not (include "budget-ledger.jwtConfigured" .)) }}
{{- $message := printf "security.existingSecret or security.jwt.issuerUri is required: every endpoint but /actuator/health needs credentials, and with neither API keys nor an identity provider every request would be answered 401. Name an existing Secret holding the API keys under the keys %s, %s, %s, %s (each optional), e.g. kubectl create secret generic budget-ledger-api-keys --from-literal=%s=$(openssl rand -hex 24) --from-literal=%s=$(openssl rand -hex 24) --from-literal=%s=$(openssl rand -hex 24) --from-literal=%s=$(openssl rand -hex 24), in security.existingSecret; and/or set security.jwt.issuerUri (or security.jwt.jwkSetUri) of your identity provider. Only a closed test bench sets security.enabled=false." $sec.secretKeys.admin $sec.secretKeys.poster $sec.secretKeys.auditor $sec.secretKeys.viewer $sec.secretKeys.admin $sec.secretKeys.poster $sec.secretKeys.auditor $sec.secretKeys.viewer }}
{{- required $message "" }}
{{- end }}
{{- if include "budget-ledger.jwtConfigured" . }}
{{- required "security.jwt.issuerUri is required whenever tokens are accepted: every token's issuer is checked, also with security.jwt.jwkSetUri" $sec.jwt.issuerUri }}
{{- required "security.jwt.audience is required whenever tokens are accepted: this service's name at your identity provider (every token's aud must contain it), so that a token issued for another service is refused" $sec.jwt.audience }}
{{- end }}
{{- end }}

{{/* LEDGER_POSTER_SOURCE_SYSTEMS: security.posterSourceSystems as a comma list (a list or a string in values). */}}
{{- define "budget-ledger.posterSourceSystems" -}}
{{- $systems := .Values.security.posterSourceSystems }}
{{- if kindIs "slice" $systems }}
{{- join "," $systems }}
{{- else }}
{{- toString (default "" $systems) }}
{{- end }}
{{- end }}

{{/*
Kafka as the services will be asked to connect: with SASL, each service's principal from kafka.existingSecret; PLAINTEXT
only when kafka.allowUnauthenticated says so. Renders nothing; fails with what to do.
*/}}
{{- define "budget-ledger.kafkaChecked" -}}
{{- $kafka := .Values.kafka }}
{{- if hasPrefix "SASL_" $kafka.securityProtocol }}
{{- $message := printf "kafka.existingSecret is required with kafka.securityProtocol=%s: name an existing Secret holding each service's own Kafka principal under the keys %s, %s, %s, %s, e.g. kubectl create secret generic budget-ledger-kafka --from-literal=%s=ledger-service --from-literal=%s=… --from-literal=%s=projection-service --from-literal=%s=… (the brokers' ACLs let ledger-service alone write the events topic)" $kafka.securityProtocol $kafka.ledgerUsernameKey $kafka.ledgerPasswordKey $kafka.projectionUsernameKey $kafka.projectionPasswordKey $kafka.ledgerUsernameKey $kafka.ledgerPasswordKey $kafka.projectionUsernameKey $kafka.projectionPasswordKey }}
{{- $_ := required $message $kafka.existingSecret }}
{{- else if eq $kafka.securityProtocol "PLAINTEXT" }}
{{- if not $kafka.allowUnauthenticated }}
{{- fail "kafka.securityProtocol=PLAINTEXT connects without authentication: anyone who reaches the brokers could post as any source system and write the events topic. Use SASL_SSL with kafka.existingSecret, or set kafka.allowUnauthenticated=true for a closed test bench" }}
{{- end }}
{{- else if ne $kafka.securityProtocol "SSL" }}
{{- fail (printf "kafka.securityProtocol is %s: one of SASL_SSL, SASL_PLAINTEXT, SSL, PLAINTEXT" $kafka.securityProtocol) }}
{{- end }}
{{- end }}

export class AcmeApi {
  name = "acmeApi";
}
